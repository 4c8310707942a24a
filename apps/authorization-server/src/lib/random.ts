import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

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

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
