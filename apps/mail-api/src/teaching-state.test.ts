import assert from "node:assert/strict";
import { test } from "node:test";
import { readTeachingState } from "./teaching-state.ts";
import { withRevocationCheck } from "./token-status.ts";
import type { Trace } from "./trace.ts";
import type { AccessTokenVerifier, VerifiedAccessToken } from "./verify-access-token.ts";

const verified = { sub: "u", client_id: "c", scope: "mail.read", jti: "j", exp: 2e9, iat: 1 } as VerifiedAccessToken;
/** An unsigned JWT-shaped string: the cache view reads only its `jti`. */
const tokenWithJti = (jti: string) => `e30.${Buffer.from(JSON.stringify({ jti })).toString("base64url")}.sig`;

function traceWith(jtis: string[] | undefined): Trace {
  return { record: async () => {}, read: async () => [], jtis: async () => jtis };
}

test("the state names each jti's remembered answer with its age, and says when the AS is asked again", async () => {
  let clock = 10_000;
  const verifier: AccessTokenVerifier = {
    verify: async () => verified,
    fetchedKeys: () => ({ fetched_at: 9_000, keys: [{ kid: "k1", alg: "ES256", kty: "EC", use: "sig" }] }),
  };
  const checked = withRevocationCheck(verifier, async () => true, { ttlMs: 5000, now: () => clock });
  await checked.verify(tokenWithJti("a"));
  clock = 12_500;
  const state = await readTeachingState(traceWith(["a", "b"]), checked, "cap", () => clock);
  assert.ok(state);
  assert.equal(state.token_table, false);
  assert.deepEqual(state.introspection_cache[0], {
    jti: "a",
    entry: {
      active: true,
      answered_at: new Date(10_000).toISOString(),
      age_seconds: 2,
      asks_again_at: new Date(15_000).toISOString(),
      asks_again_in_seconds: 3,
      ttl_seconds: 5,
    },
  });
  // A jti the cache does not remember: the next request asks the AS.
  assert.deepEqual(state.introspection_cache[1], { jti: "b", entry: null });
  assert.deepEqual(state.jwks, { fetched_at: new Date(9_000).toISOString(), keys: [{ kid: "k1", alg: "ES256", kty: "EC", use: "sig" }] });
  // Past the window, the entry is no longer trusted, so no longer shown.
  clock = 15_000;
  assert.equal((await readTeachingState(traceWith(["a"]), checked, "cap", () => clock))?.introspection_cache[0]?.entry, null);
});

test("nothing stored under the capability: no state (answered 404)", async () => {
  const verifier: AccessTokenVerifier = { verify: async () => verified };
  assert.equal(await readTeachingState(traceWith(undefined), verifier, "cap"), undefined);
  assert.equal(await readTeachingState({ record: async () => {}, read: async () => [] }, verifier, "cap"), undefined);
});
