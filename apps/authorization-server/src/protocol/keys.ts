// The AS's signing keys at run time: the current key (re-read every KEY_CACHE_SECONDS, so that a
// rotation by `npm run keys:rotate` takes effect without a restart) and the published JWK Set.
// Every token carries the `kid` of the key that signed it.
import "server-only";
import { importJWK, type CryptoKey, type JWK } from "jose";
import { db } from "@/lib/db";
import { env } from "@/env";
import { KEY_CACHE_SECONDS, createSigningKey, publishedKeys } from "./signing-keys";

export type SigningKey = { kid: string; alg: string; privateKey: CryptoKey };

let current: { key: Promise<SigningKey>; until: number } | undefined;

/** The key that signs new tokens: the newest unretired one, created on first use if none exists. */
export function currentSigningKey(): Promise<SigningKey> {
  if (current && current.until > Date.now()) return current.key;
  const key = loadOrCreateSigningKey();
  current = { key, until: Date.now() + KEY_CACHE_SECONDS * 1000 };
  key.catch(() => {
    if (current?.key === key) current = undefined;
  });
  return key;
}

let creating: Promise<{ kid: string; privateJwk: JWK }> | undefined;

async function loadOrCreateSigningKey(): Promise<SigningKey> {
  const existing = await db().signingKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: "desc" } });
  const { kid, privateJwk } = existing
    ? { kid: existing.kid, privateJwk: existing.privateJwk as JWK }
    : await (creating ??= createSigningKey(db()));
  const alg = privateJwk.alg ?? "ES256";
  return { kid, alg, privateKey: (await importJWK(privateJwk, alg)) as CryptoKey };
}

/** RFC 7517 §5: the public keys, current and retired-but-still-needed. Never a private member. */
export async function publicJwks(): Promise<{ keys: JWK[] }> {
  await currentSigningKey();
  return { keys: await publishedKeys(db(), env().ACCESS_TOKEN_TTL) };
}
