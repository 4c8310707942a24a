// The teaching trace: the AS and the mail API record, per flow, the checks their runners ran. A flow's
// trace belongs to the client holding its capability: registered over an authenticated back channel
// by a traceable teaching client, sent in x-flow-trace, never derivable from what a projector shows.
import { createHash, randomBytes } from "node:crypto";
import { TRACE_CAPABILITY_HEADER } from "@oauth-flow-lab/lab";
import type { TraceEvent } from "@oauth-flow-lab/oauth";
import { expect, test } from "@playwright/test";
import { authorizationRequest, basicAuth, client, form, guidedClient, issuer, mailApi, ScriptedUserAgent } from "../support/lab.ts";

const stateHash = (state: string) => createHash("sha256").update(state).digest("base64url");

async function registerTrace(state: string, credentials: { client_id: string; client_secret: string } = guidedClient): Promise<Response> {
  const body = form({ state_hash: stateHash(state) });
  return fetch(`${issuer}/trace`, {
    method: "POST",
    headers: { ...body.headers, authorization: basicAuth(credentials.client_id, credentials.client_secret) },
    body: body.body,
  });
}

async function events(base: string, capability: string | undefined): Promise<{ status: number; events: TraceEvent[] }> {
  const response = await fetch(`${base}/trace`, { headers: capability === undefined ? {} : { [TRACE_CAPABILITY_HEADER]: capability } });
  const body = (await response.json()) as { events?: TraceEvent[] };
  return { status: response.status, events: body.events ?? [] };
}

/** A guided flow up to the token response, with its capability on every back-channel request. */
async function tracedFlow(scope?: string) {
  const request = authorizationRequest(scope, guidedClient);
  const registered = await registerTrace(request.state);
  expect(registered.status).toBe(201);
  const { trace_id } = (await registered.json()) as { trace_id: string };
  const callback = await new ScriptedUserAgent().authorize({ ...request.query, prompt: "consent" });
  const code = callback.searchParams.get("code") ?? "";
  const tokenRequest = (code_verifier = request.pkce.code_verifier, capability: string | undefined = trace_id) => {
    const body = form({ grant_type: "authorization_code", code, redirect_uri: guidedClient.redirect_uri, code_verifier });
    return fetch(`${issuer}/token`, {
      method: "POST",
      headers: {
        ...body.headers,
        authorization: basicAuth(guidedClient.client_id, guidedClient.client_secret),
        ...(capability === undefined ? {} : { [TRACE_CAPABILITY_HEADER]: capability }),
      },
      body: body.body,
    });
  };
  return { request, trace_id, code, tokenRequest };
}

test("each step's checks are recorded for the flow that holds the capability, in order, with their results", async () => {
  const { request, trace_id, tokenRequest } = await tracedFlow();
  const token = await tokenRequest();
  expect(token.status).toBe(200);
  const { access_token } = (await token.json()) as { access_token: string };
  await fetch(`${mailApi}/v1/messages?limit=1`, {
    headers: { authorization: `Bearer ${access_token}`, [TRACE_CAPABILITY_HEADER]: trace_id },
  });

  const as = await events(issuer, trace_id);
  expect(as.status).toBe(200);
  const find = (endpoint: string, text: string) => as.events.find((e) => e.endpoint === endpoint && e.check.includes(text));
  expect(find("/authorize", "redirect_uri")).toMatchObject({ ok: true, detail: guidedClient.redirect_uri });
  expect(find("/authorize", "PKCE")).toMatchObject({ ok: true, detail: request.pkce.code_challenge });
  expect(find("/interaction/login", "password")).toMatchObject({ ok: true });
  expect(find("/token", "PKCE")).toMatchObject({ ok: true, rfc: "RFC 7636 §4.6" });
  for (const event of as.events) {
    expect(event.actor).toBe("authorization-server");
    expect(event.id).toMatch(/^[a-z0-9-]+$/);
  }
  // Secrets never appear in the trace.
  const text = JSON.stringify(as.events);
  for (const secret of [guidedClient.client_secret, request.pkce.code_verifier, access_token, trace_id]) expect(text).not.toContain(secret);

  const api = await events(mailApi, trace_id);
  // The mail API's checks, in the order its runner ran them.
  expect(api.events.map((e) => e.id)).toEqual(
    expect.arrayContaining(["bearer-token", "jwt-signature", "token-active", "route-scope", "own-mailbox"]),
  );
  expect(api.events.find((e) => e.id === "route-scope")).toMatchObject({ ok: true, actor: "mail-api" });
  expect(api.events.findIndex((e) => e.id === "own-mailbox")).toBeGreaterThan(api.events.findIndex((e) => e.id === "route-scope"));
});

test("without the capability the trace can be neither read nor written, and unknown clients create nothing", async () => {
  const { request, trace_id, tokenRequest } = await tracedFlow();
  const before = await events(issuer, trace_id);
  expect(before.events.length).toBeGreaterThan(0);

  // A classmate knows the state (it is on the projector), but the trace is not keyed by it.
  for (const guess of [stateHash(request.state), request.state, randomBytes(32).toString("base64url")]) {
    expect((await events(issuer, guess)).status).toBe(404);
    expect((await events(mailApi, guess)).events).toEqual([]);
  }
  expect((await events(issuer, undefined)).status).toBe(404);
  // Writing fake failures with a guessed header adds nothing to the real trace.
  await tokenRequest(authorizationRequest().pkce.code_verifier, stateHash(request.state));
  expect((await events(issuer, trace_id)).events).toEqual(before.events);

  // Only an authenticated traceable client registers a trace: not the real dashboard, not a stranger.
  expect((await registerTrace(request.state, client)).status).toBe(401);
  expect((await registerTrace(request.state, { client_id: "nobody", client_secret: "guess" })).status).toBe(401);
  const anonymous = form({ state_hash: stateHash(request.state) });
  expect((await fetch(`${issuer}/trace`, { method: "POST", ...anonymous })).status).toBe(401);
  // And the front channel of a client that registered nothing creates nothing.
  const other = authorizationRequest();
  await new ScriptedUserAgent().authorize(other.query);
  expect((await events(issuer, stateHash(other.state))).status).toBe(404);
});

test("a refused check is recorded as refused and ends the list; the answer is byte for byte the one without the trace", async () => {
  const first = await tracedFlow();
  const wrongVerifier = authorizationRequest().pkce.code_verifier;
  const traced = await first.tokenRequest(wrongVerifier);
  const refused = (await events(issuer, first.trace_id)).events.filter((e) => e.endpoint === "/token");
  const last = refused.at(-1);
  expect(last).toMatchObject({ ok: false, rfc: "RFC 7636 §4.6" });
  expect(refused.filter((e) => !e.ok)).toHaveLength(1);

  const second = await tracedFlow();
  const untraced = await second.tokenRequest(wrongVerifier, undefined);
  expect(untraced.status).toBe(traced.status);
  // Date and X-Request-Id differ between any two responses (the id is each request's own, by design).
  const headers = (r: Response) => [...r.headers].filter(([name]) => name !== "date" && name !== "x-request-id");
  expect(headers(untraced)).toEqual(headers(traced));
  expect(await untraced.text()).toBe(await traced.text());
});

/** POST a form to the AS as the guided client, naming the flow by its capability. */
function asGuided(
  path: string,
  params: Record<string, string>,
  capability: string,
  authorization = basicAuth(guidedClient.client_id, guidedClient.client_secret),
) {
  const body = form(params);
  return fetch(`${issuer}${path}`, {
    method: "POST",
    headers: { ...body.headers, authorization, [TRACE_CAPABILITY_HEADER]: capability },
    body: body.body,
  });
}

/** The last event the AS recorded for `endpoint` in this flow. */
async function lastAt(base: string, capability: string, endpoint: string): Promise<TraceEvent | undefined> {
  return (await events(base, capability)).events.filter((e) => e.endpoint === endpoint).at(-1);
}

test("every refusal names the check that refused it, at the AS and at the mail API", async () => {
  const refusedBy = async (base: string, capability: string, endpoint: string, id: string) => {
    const last = await lastAt(base, capability, endpoint);
    expect(last, `${endpoint} → ${id}`).toMatchObject({ id, ok: false });
  };
  const code = (flow: Awaited<ReturnType<typeof tracedFlow>>, extra: Record<string, string> = {}) => ({
    grant_type: "authorization_code",
    code: flow.code,
    redirect_uri: guidedClient.redirect_uri,
    code_verifier: flow.request.pkce.code_verifier,
    ...extra,
  });

  // The token endpoint, authorization_code grant.
  let flow = await tracedFlow();
  await asGuided("/token", code(flow), flow.trace_id, basicAuth(guidedClient.client_id, "not-the-secret"));
  await refusedBy(issuer, flow.trace_id, "/token", "client-authentication");
  await asGuided("/token", { ...code(flow), grant_type: "password" }, flow.trace_id);
  await refusedBy(issuer, flow.trace_id, "/token", "grant-type-supported");
  await asGuided("/token", code(flow, { code: "not-a-code" }), flow.trace_id);
  await refusedBy(issuer, flow.trace_id, "/token", "code-issued");
  await asGuided("/token", code(flow, { redirect_uri: `${guidedClient.redirect_uri}/elsewhere` }), flow.trace_id);
  await refusedBy(issuer, flow.trace_id, "/token", "code-redirect-uri");
  flow = await tracedFlow();
  expect((await asGuided("/token", code(flow), flow.trace_id)).status).toBe(200);
  await asGuided("/token", code(flow), flow.trace_id);
  await refusedBy(issuer, flow.trace_id, "/token", "code-unused");

  // The refresh_token grant: a widened scope, then reuse of a rotated token.
  flow = await tracedFlow();
  const tokens = (await (await asGuided("/token", code(flow), flow.trace_id)).json()) as { access_token: string; refresh_token: string };
  await asGuided("/token", { grant_type: "refresh_token", refresh_token: tokens.refresh_token, scope: "openid mail.send" }, flow.trace_id);
  await refusedBy(issuer, flow.trace_id, "/token", "refresh-scope-not-widened");
  expect((await asGuided("/token", { grant_type: "refresh_token", refresh_token: tokens.refresh_token }, flow.trace_id)).status).toBe(200);
  await asGuided("/token", { grant_type: "refresh_token", refresh_token: tokens.refresh_token }, flow.trace_id);
  await refusedBy(issuer, flow.trace_id, "/token", "refresh-token-unused");

  // The reuse ended the grant: userinfo and the mail API now refuse its first access token.
  await fetch(`${issuer}/userinfo`, {
    headers: { authorization: `Bearer ${tokens.access_token}`, [TRACE_CAPABILITY_HEADER]: flow.trace_id },
  });
  await refusedBy(issuer, flow.trace_id, "/userinfo", "access-token-not-revoked");
  await fetch(`${mailApi}/v1/messages`, {
    headers: { authorization: `Bearer ${tokens.access_token}`, [TRACE_CAPABILITY_HEADER]: flow.trace_id },
  });
  const api = (await events(mailApi, flow.trace_id)).events;
  expect(api.at(-1)).toMatchObject({ id: "token-active", ok: false, actor: "mail-api" });

  // The mail API: a token without the route's scope.
  flow = await tracedFlow("openid");
  const narrow = (await (await asGuided("/token", code(flow), flow.trace_id)).json()) as { access_token: string };
  await fetch(`${mailApi}/v1/messages`, {
    headers: { authorization: `Bearer ${narrow.access_token}`, [TRACE_CAPABILITY_HEADER]: flow.trace_id },
  });
  expect((await events(mailApi, flow.trace_id)).events.at(-1)).toMatchObject({ id: "route-scope", ok: false });

  // The authorization endpoint (front channel): the flow's own client and state, a refused PKCE.
  const request = authorizationRequest(undefined, guidedClient);
  const registered = (await (await registerTrace(request.state)).json()) as { trace_id: string };
  const { code_challenge: _dropped, ...withoutPkce } = request.query;
  await new ScriptedUserAgent().authorize(withoutPkce);
  await refusedBy(issuer, registered.trace_id, "/authorize", "check-pkce");
});

test("a token that does not verify is recorded into its own flow's trace, and creates nothing for an unknown capability", async () => {
  const flow = await tracedFlow();
  const { access_token } = (await (await flow.tokenRequest()).json()) as { access_token: string };
  // The payload edited (scope widened): the signature no longer matches.
  const [header, payload, signature] = access_token.split(".");
  const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
  const edited = `${header}.${Buffer.from(JSON.stringify({ ...claims, scope: `${String(claims.scope)} mail.send` })).toString("base64url")}.${signature}`;
  const call = (capability: string) =>
    fetch(`${mailApi}/v1/messages`, { headers: { authorization: `Bearer ${edited}`, [TRACE_CAPABILITY_HEADER]: capability } });

  expect((await call(flow.trace_id)).status).toBe(401);
  expect((await events(mailApi, flow.trace_id)).events.at(-1)).toMatchObject({ id: "jwt-signature", ok: false, actor: "mail-api" });

  const stranger = randomBytes(32).toString("base64url");
  expect((await call(stranger)).status).toBe(401);
  expect((await events(mailApi, stranger)).events).toEqual([]);
});
