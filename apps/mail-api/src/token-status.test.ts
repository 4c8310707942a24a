import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidToken, TemporarilyUnavailable } from "@oauth-flow-lab/oauth";
import { withRevocationCheck } from "./token-status.ts";
import type { AccessTokenVerifier, VerifiedAccessToken } from "./verify-access-token.ts";

const verified = { sub: "u", client_id: "c", scope: "mail.read", jti: "j", exp: 2e9, iat: 1 } as VerifiedAccessToken;
const verifier: AccessTokenVerifier = { verify: async () => verified };

test("an active token is asked about once per window, then again after it", async () => {
  let clock = 0;
  let asked = 0;
  const checked = withRevocationCheck(verifier, async () => (asked++, true), { ttlMs: 5000, now: () => clock });
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
  const failing: AccessTokenVerifier = { verify: async () => { throw new InvalidToken("bad"); } };
  await assert.rejects(withRevocationCheck(failing, async () => (asked++, true)).verify("t"), InvalidToken);
  assert.equal(asked, 0);
});
