import { createHash, randomBytes } from "node:crypto";
import { constantTimeEqual } from "@oauth-flow-lab/oauth";

/** A random value with 256 bits of entropy, base64url-encoded (RFC 6749 §10.10, RFC 9700 §4.5.2). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/**
 * SHA-256 of a high-entropy secret, as stored in the database. A fast hash is enough for values with
 * 256 bits of entropy (codes, tokens, generated client secrets); passwords use argon2id instead.
 */
export function sha256(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("base64url");
}

/** Constant-time comparison of secrets and hashes (the one implementation, in @oauth-flow-lab/oauth). */
export const safeEqual = constantTimeEqual;
