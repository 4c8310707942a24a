import assert from "node:assert/strict";
import { test } from "node:test";
import { ISSUER, METADATA } from "../oauth-client/fake-authorization-server.ts";
import { processAuthorizationResponse } from "./authorization-response.ts";

const flow = { state: "the-state" };
const context = { as: METADATA, client_id: "maildash-guided" };
const titles = (checks: { check: string; ok: boolean }[]) => checks.map((c) => `${c.ok ? "✓" : "✗"} ${c.check}`);

test("RFC 6749 §4.1.2: code, the same state and the right iss: accepted", () => {
  const { response, checks } = processAuthorizationResponse(
    flow,
    new URLSearchParams({ code: "c0de", state: "the-state", iss: ISSUER }),
    context,
  );
  assert.equal(response?.kind, "code");
  assert.equal(response?.kind === "code" ? response.code : "", "c0de");
  assert.deepEqual(titles(checks), [
    "✓ iss is LabMail's issuer",
    "✓ state is the one MailDash sent in step 2",
    "✓ an authorization code came back",
  ]);
});

test("RFC 6749 §10.12: a wrong state keeps the code out; iss had passed before it", () => {
  const { response, checks } = processAuthorizationResponse(flow, new URLSearchParams({ code: "c", state: "other", iss: ISSUER }), context);
  assert.equal(response, undefined);
  assert.deepEqual(titles(checks), ["✓ iss is LabMail's issuer", "✗ state is the one MailDash sent in step 2"]);
});

test("RFC 9207 §2.4: a wrong or missing iss keeps the code out, and state is never reached", () => {
  const queries: Record<string, string>[] = [
    { code: "c", state: "the-state", iss: "http://evil" },
    { code: "c", state: "the-state" },
  ];
  for (const query of queries) {
    const { response, checks } = processAuthorizationResponse(flow, new URLSearchParams(query), context);
    assert.equal(response, undefined);
    assert.deepEqual(titles(checks), ["✗ iss is LabMail's issuer"]);
  }
});

test("RFC 6749 §3.1: a repeated state is refused", () => {
  const query = new URLSearchParams([
    ["code", "c"],
    ["state", "the-state"],
    ["state", "the-state"],
    ["iss", ISSUER],
  ]);
  const { response, checks } = processAuthorizationResponse(flow, query, context);
  assert.equal(response, undefined);
  assert.equal(checks.at(-1)?.ok, false);
});

test("RFC 6749 §4.1.2.1: a denied consent is an error response (its iss and state checked first)", () => {
  const { response, checks } = processAuthorizationResponse(
    flow,
    new URLSearchParams({ error: "access_denied", state: "the-state", iss: ISSUER }),
    context,
  );
  assert.equal(response?.kind, "error");
  assert.equal(response?.kind === "error" ? response.error : "", "access_denied");
  assert.ok(checks.every((c) => c.ok));
});

test("the accepted parameters are kept as text, and reach the code exchange only through the library's validation again", async () => {
  const { exchangeAuthorizationCode } = await import("../oauth-client/code-exchange.ts");
  const { validateAuthorizationResponse } = await import("../oauth-client/authorization-response.ts");
  const { fakeAuthorizationServer, signIdToken } = await import("../oauth-client/fake-authorization-server.ts");
  const { response } = processAuthorizationResponse(flow, new URLSearchParams({ code: "c0de", state: "the-state", iss: ISSUER }), context);
  assert.equal(response?.kind, "code");
  if (response?.kind !== "code") return;
  // JSON round trip, as the state store does.
  const stored: typeof response = JSON.parse(JSON.stringify(response));
  const id_token = await signIdToken({ sub: "alice", aud: context.client_id, nonce: "n" });
  const as = fakeAuthorizationServer({ "/token": () => Response.json({ access_token: "at", token_type: "Bearer", id_token }) });
  const client = { client_id: context.client_id, client_secret: "s" };
  const grant = { client, redirect_uri: "http://127.0.0.1:3000/guided/callback", code_verifier: "v", nonce: "n" };
  // What the stored text gives without the checks: oauth4webapi refuses it.
  await assert.rejects(
    exchangeAuthorizationCode(METADATA, { ...grant, callback: new URLSearchParams(stored.parameters) }, { fetch: as.fetch }),
  );
  assert.equal(as.requests.length, 0);
  const callback = validateAuthorizationResponse(METADATA, context.client_id, new URLSearchParams(stored.parameters), flow.state);
  await exchangeAuthorizationCode(METADATA, { ...grant, callback }, { fetch: as.fetch });
  assert.equal(new URLSearchParams(as.requests[0]?.body).get("code"), "c0de");
  // And a stored response never passes for another flow's state.
  assert.throws(() => validateAuthorizationResponse(METADATA, context.client_id, new URLSearchParams(stored.parameters), "another-state"));
});
