// The teaching trace: the AS and the mail API report, per flow, what they checked. It is a side
// channel keyed by BASE64URL(SHA-256(state)); it never changes an answer.
import { expect, test } from "@playwright/test";
import { TRACE_HEADER, traceIdOf, type TraceEvent } from "@oauth-flow-lab/oauth";
import { ScriptedUserAgent, authorizationRequest, basicAuth, client, form, issuer, mailApi } from "../support/lab.ts";

async function events(base: string, traceId: string): Promise<TraceEvent[]> {
  const response = await fetch(`${base}/trace/${traceId}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { events: TraceEvent[] }).events;
}

test("each step's server-side checks are recorded for the flow, with their results", async () => {
  const request = authorizationRequest();
  const traceId = await traceIdOf(request.state);
  // prompt=consent: the consent step happens even if alice consented earlier in this run.
  const callback = await new ScriptedUserAgent().authorize({ ...request.query, prompt: "consent" });
  const body = form({
    grant_type: "authorization_code",
    code: callback.searchParams.get("code") ?? "",
    redirect_uri: client.redirect_uri,
    code_verifier: request.pkce.code_verifier,
  });
  const token = await fetch(`${issuer}/token`, {
    method: "POST",
    headers: { ...body.headers, authorization: basicAuth(client.client_id, client.client_secret), [TRACE_HEADER]: traceId },
    body: body.body,
  });
  const { access_token } = (await token.json()) as { access_token: string };
  await fetch(`${mailApi}/v1/messages?limit=1`, { headers: { authorization: `Bearer ${access_token}`, [TRACE_HEADER]: traceId } });

  const as = await events(issuer, traceId);
  const find = (endpoint: string, text: string) => as.find((e) => e.endpoint === endpoint && e.check.includes(text));
  expect(find("/authorize", "redirect_uri exactly equals")).toMatchObject({ ok: true, detail: client.redirect_uri });
  expect(find("/authorize", "PKCE")).toMatchObject({ ok: true, detail: request.pkce.code_challenge });
  expect(find("/interaction/login", "password")).toMatchObject({ ok: true });
  expect(find("/interaction/consent", "allowed")).toMatchObject({ ok: true });
  expect(find("/token", "Client authenticated")).toMatchObject({ ok: true });
  expect(find("/token", "never used before")).toMatchObject({ ok: true });
  expect(find("/token", "PKCE")).toMatchObject({ ok: true, rfc: "RFC 7636 §4.6" });
  for (const event of as) expect(event.actor).toBe("authorization-server");
  // Secrets never appear in the trace.
  const text = JSON.stringify(as);
  expect(text).not.toContain(client.client_secret);
  expect(text).not.toContain(request.pkce.code_verifier);
  expect(text).not.toContain(access_token);

  const api = await events(mailApi, traceId);
  expect(api.find((e) => e.check.includes("scope includes mail.read"))).toMatchObject({ ok: true, actor: "mail-api" });
});

test("a failed check is recorded as failed, and the answer is the same as without the trace", async () => {
  const request = authorizationRequest();
  const traceId = await traceIdOf(request.state);
  const callback = await new ScriptedUserAgent().authorize(request.query);
  const body = form({
    grant_type: "authorization_code",
    code: callback.searchParams.get("code") ?? "",
    redirect_uri: client.redirect_uri,
    code_verifier: authorizationRequest().pkce.code_verifier, // the wrong verifier
  });
  const token = await fetch(`${issuer}/token`, {
    method: "POST",
    headers: { ...body.headers, authorization: basicAuth(client.client_id, client.client_secret), [TRACE_HEADER]: traceId },
    body: body.body,
  });
  expect(await token.json()).toMatchObject({ error: "invalid_grant" });
  const pkce = (await events(issuer, traceId)).find((e) => e.endpoint === "/token" && e.check.includes("PKCE"));
  expect(pkce).toMatchObject({ ok: false });
});
