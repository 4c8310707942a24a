// Test helper: a local ES256 key pair standing in for the authorization server's signing key.

import { ACCESS_TOKEN_JWT_TYPE, SIGNING_ALG } from "@oauth-flow-lab/oauth";
import { type CryptoKey, createLocalJWKSet, exportJWK, generateKeyPair, type JWTVerifyGetKey, SignJWT } from "jose";

export const ISSUER = "http://localhost:4000";
export const AUDIENCE = "http://127.0.0.1:5000";
export const ALICE = "5f0c1a4e-6b7d-4c1e-9a55-a11ce0000001";
const TEST_ADDRESSES: Record<string, string> = {
  [ALICE]: "alice@labmail.test",
  "5f0c1a4e-6b7d-4c1e-9a55-b0b000000002": "bob@labmail.test",
};

export type TestIssuer = {
  keySet: JWTVerifyGetKey;
  /** Signs an access token; `claims`/`header` override or (with undefined) remove the defaults. */
  sign(options?: { claims?: Record<string, unknown>; header?: Record<string, unknown>; key?: CryptoKey }): Promise<string>;
};

export async function createTestIssuer(): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG);
  const kid = "test-key";
  const keySet = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: "sig" }] });
  return {
    keySet,
    async sign({ claims = {}, header = {}, key = privateKey } = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = {
        iss: ISSUER,
        aud: AUDIENCE,
        sub: ALICE,
        client_id: "dashboard",
        scope: "openid mail.read",
        jti: crypto.randomUUID(),
        iat: now,
        exp: now + 300,
        ...claims,
      };
      // RFC 9068 §2.2.1: the AS adds the owner's LabMail address (pass `email: undefined` to leave it out).
      if (!("email" in claims)) payload.email = TEST_ADDRESSES[String(payload.sub)] ?? `user-${String(payload.sub).slice(-4)}@labmail.test`;
      for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
      const protectedHeader = { alg: SIGNING_ALG, typ: ACCESS_TOKEN_JWT_TYPE, kid, ...header };
      return new SignJWT(payload).setProtectedHeader(protectedHeader).sign(key);
    },
  };
}
