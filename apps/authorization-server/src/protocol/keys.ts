// The AS's signing keys: created once, persisted, published as a JWK Set (RFC 7517 §5).
// Every token carries the `kid` of the key that signed it, so verifiers can follow key rotation.
import "server-only";
import { SIGNING_ALG } from "@oauth-flow-lab/oauth";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from "jose";
import { db } from "@/lib/db";

export type SigningKey = { kid: string; alg: string; privateKey: CryptoKey };

let current: Promise<SigningKey> | undefined;

/** The key that signs new tokens: the newest unretired one, created on first use if none exists. */
export function currentSigningKey(): Promise<SigningKey> {
  current ??= loadOrCreateSigningKey().catch((error: unknown) => {
    current = undefined;
    throw error;
  });
  return current;
}

async function loadOrCreateSigningKey(): Promise<SigningKey> {
  const existing = await db().signingKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: "desc" } });
  if (existing) {
    const privateKey = (await importJWK(existing.privateJwk as JWK, existing.alg)) as CryptoKey;
    return { kid: existing.kid, alg: existing.alg, privateKey };
  }
  return createSigningKey();
}

/** Generates a new ES256 key pair and stores it; `kid` is its RFC 7638 thumbprint. */
export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  await db().signingKey.create({
    data: {
      kid,
      alg: SIGNING_ALG,
      privateJwk: { ...privateJwk, kid, alg: SIGNING_ALG },
      publicJwk: { ...publicJwk, kid, alg: SIGNING_ALG, use: "sig" },
    },
  });
  return { kid, alg: SIGNING_ALG, privateKey };
}

/** RFC 7517 §5: the public keys, current and retired-but-still-valid. Never a private member. */
export async function publicJwks(): Promise<{ keys: JWK[] }> {
  await currentSigningKey();
  const keys = await db().signingKey.findMany({ orderBy: { createdAt: "desc" } });
  return {
    keys: keys.map((k) => {
      const { kty, crv, x, y, kid, alg, use } = k.publicJwk as JWK;
      return { kty, crv, x, y, kid, alg, use };
    }),
  };
}
