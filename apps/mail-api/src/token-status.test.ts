import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidToken, type ProtocolCheck, TemporarilyUnavailable } from "@oauth-flow-lab/oauth";
import { introspectAccessToken, withRevocationCheck } from "./token-status.ts";
import type { AccessTokenVerifier, VerifiedAccessToken } from "./verify-access-token.ts";

const verified = { sub: "u", client_id: "c", scope: "mail.read", jti: "j", exp: 2e9, iat: 1 } as VerifiedAccessToken;
const verifier: AccessTokenVerifier = { verify: async () => verified };

test("an active token is asked about once per window, then again after it", async () => {
  let clock = 0;
  let asked = 0;
  const checked = withRevocationCheck(
    verifier,
    async () => {
      asked++;
      return true;
    },
    { ttlMs: 5000, now: () => clock },
  );
  await checked.verify("t");
  await checked.verify("t");
  assert.equal(asked, 1);
  clock = 6000;
  await checked.verify("t");
  assert.equal(asked, 2);
});

test("a revoked token is invalid_token; an unreachable AS is temporarily_unavailable (fail closed)", async () => {
  await assert.rejects(withRevocationCheck(verifier, async () => false).verify("t"), InvalidToken);
  await assert.rejects(
    withRevocationCheck(verifier, async () => {
      throw new Error("down");
    }).verify("t"),
    TemporarilyUnavailable,
  );
});

test("a token that fails local verification never reaches the AS", async () => {
  let asked = 0;
  const failing: AccessTokenVerifier = {
    verify: async () => {
      throw new InvalidToken("bad");
    },
  };
  await assert.rejects(
    withRevocationCheck(failing, async () => {
      asked++;
      return true;
    }).verify("t"),
    InvalidToken,
  );
  assert.equal(asked, 0);
});

test("RFC 7662: a fresh answer is reported as an introspection request, a remembered one as cached with its age", async () => {
  let clock = 0;
  const checked = withRevocationCheck(verifier, async () => true, { ttlMs: 5000, now: () => clock });
  const log: ProtocolCheck[] = [];
  await checked.verify("t", log);
  clock = 2_700;
  await checked.verify("t", log);
  clock = 5_000;
  await checked.verify("t", log);
  assert.deepEqual(
    log.map((c) => [c.id, c.ok, c.cached]),
    [
      ["token-active", true, undefined],
      ["token-active", true, { age_seconds: 2 }],
      ["token-active", true, undefined],
    ],
  );
  assert.match(log[0]?.detail ?? "", /introspection request/);
});

test("a revoked token, or an AS that cannot answer, is reported as the token-active check refusing", async () => {
  const log: ProtocolCheck[] = [];
  await assert.rejects(withRevocationCheck(verifier, async () => false).verify("t", log), InvalidToken);
  await assert.rejects(
    withRevocationCheck(verifier, async () => Promise.reject(new Error("down"))).verify("t", log),
    TemporarilyUnavailable,
  );
  assert.deepEqual(
    log.map((c) => [c.id, c.ok, c.detail]),
    [
      ["token-active", false, "invalid_token: the access token has been revoked"],
      ["token-active", false, "temporarily_unavailable: the authorization server cannot confirm the token, try again later"],
    ],
  );
});

test("the request's id goes with its introspection request (X-Request-Id), and only when there is one", async () => {
  const sent: Headers[] = [];
  const client = {
    endpoint: async () => new URL("http://as.invalid/introspect"),
    client_id: "mail-api",
    client_secret: "s3cret",
    fetch: (async (_url: URL | RequestInfo, init?: RequestInit) => {
      sent.push(new Headers(init?.headers));
      return Response.json({ active: true });
    }) as typeof fetch,
  };
  const checked = withRevocationCheck(verifier, (token, { requestId }) => introspectAccessToken(client, token, requestId));
  await checked.verify("t1", undefined, { requestId: "dash-req-00000042" });
  await checked.verify("t2");
  assert.equal(sent[0]?.get("x-request-id"), "dash-req-00000042");
  assert.equal(sent[1]?.has("x-request-id"), false);
  assert.match(sent[0]?.get("authorization") ?? "", /^Basic /);
});
