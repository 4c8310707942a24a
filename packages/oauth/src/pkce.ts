// Proof Key for Code Exchange, RFC 7636. Only S256 is supported: `plain` protects nothing against an
// attacker who can read the authorization request (RFC 9700 §2.1.1).
import { createHash, randomBytes } from "node:crypto";
import { constantTimeEqual } from "./wire.ts";

export const CODE_CHALLENGE_METHOD = "S256";

/** RFC 7636 §4.1: code-verifier = 43*128unreserved. */
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
/** RFC 7636 §4.2: BASE64URL(SHA256(verifier)) is always 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9\-_]{43}$/;

export function isValidCodeVerifier(verifier: string): boolean {
  return CODE_VERIFIER.test(verifier);
}

export function isValidCodeChallenge(challenge: string): boolean {
  return S256_CHALLENGE.test(challenge);
}

/** RFC 7636 §4.1: 32 random octets, base64url-encoded (43 characters). */
export function generateCodeVerifier(): string {
  return randomBytes(32).toString("base64url");
}

/** RFC 7636 §4.2: code_challenge = BASE64URL-ENCODE(SHA256(ASCII(code_verifier))). */
export function calculateCodeChallenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** RFC 7636 §4.6: the server recomputes the challenge from the verifier and compares. */
export function verifyCodeChallenge(verifier: string, challenge: string): boolean {
  if (!isValidCodeVerifier(verifier)) return false;
  return constantTimeEqual(calculateCodeChallenge(verifier), challenge);
}
