// Signing keys as data: create, rotate, list what to publish. No `server-only` and no app aliases, so
// the key-rotation command (scripts/rotate-signing-key.ts) uses exactly this code.

import type { PrismaClient } from "@oauth-flow-lab/db/auth";
import { SIGNING_ALG } from "@oauth-flow-lab/oauth";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";

type Db = Pick<PrismaClient, "signingKey" | "$transaction">;

/** Generates a new ES256 key pair and stores it; `kid` is its RFC 7638 thumbprint. */
export async function createSigningKey(db: Db): Promise<{ kid: string; privateJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALG };
  await db.signingKey.create({
    data: { kid, alg: SIGNING_ALG, privateJwk, publicJwk: { ...publicJwk, kid, alg: SIGNING_ALG, use: "sig" } },
  });
  return { kid, privateJwk };
}

/**
 * Key rotation: a new key signs from now on; the previous ones are retired but stay in the JWKS until
 * every token they signed has expired (see publishedKeys), so verifiers never meet an unknown `kid`
 * for a valid token.
 */
export async function rotateSigningKey(db: Db): Promise<{ kid: string; retired: string[] }> {
  const previous = await db.signingKey.findMany({ where: { retiredAt: null }, select: { kid: true } });
  const { kid } = await createSigningKey(db);
  await db.signingKey.updateMany({ where: { kid: { in: previous.map((k) => k.kid) } }, data: { retiredAt: new Date() } });
  return { kid, retired: previous.map((k) => k.kid) };
}

/**
 * RFC 7517 §5: the public keys to publish: the current ones, and retired ones for as long as a token
 * they signed may still be valid (`tokenLifetimeSeconds` after retirement, plus the signers' cache).
 */
export async function publishedKeys(db: Db, tokenLifetimeSeconds: number): Promise<JWK[]> {
  const oldestUseful = new Date(Date.now() - (tokenLifetimeSeconds + KEY_CACHE_SECONDS) * 1000);
  const keys = await db.signingKey.findMany({
    where: { OR: [{ retiredAt: null }, { retiredAt: { gt: oldestUseful } }] },
    orderBy: { createdAt: "desc" },
  });
  return keys.map((k) => {
    const { kty, crv, x, y, kid, alg, use } = k.publicJwk as JWK;
    return { kty, crv, x, y, kid, alg, use };
  });
}

/** How long a running AS may keep signing with a key after it was retired (its in-memory cache). */
export const KEY_CACHE_SECONDS = 5;
