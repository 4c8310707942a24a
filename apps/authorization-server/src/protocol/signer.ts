// The AS's signer: the current signing key (re-read every KEY_CACHE_SECONDS, so that a rotation by
// `npm run keys:rotate` takes effect without a restart) and the published JWK Set (RFC 7517 §5).
// Every token carries the `kid` of the key that signed it.

import type { PrismaClient } from "@oauth-flow-lab/db/auth";
import { SIGNING_ALG } from "@oauth-flow-lab/oauth";
import { type CryptoKey, importJWK, type JWK } from "jose";
import { createSigningKey, KEY_CACHE_SECONDS, publishedKeys } from "./signing-keys";

export type SigningKey = { kid: string; alg: string; privateKey: CryptoKey };

export type Signer = {
  /** The key that signs new tokens: the newest unretired one, created on first use if none exists. */
  signingKey(): Promise<SigningKey>;
  /** RFC 7517 §5: the public keys, current and retired-but-still-needed. Never a private member. */
  publicJwks(): Promise<{ keys: JWK[] }>;
};

type Db = Pick<PrismaClient, "signingKey" | "$transaction">;

type KeyCache = {
  current?: { key: Promise<SigningKey>; until: number };
  creating?: Promise<{ kid: string; privateJwk: JWK }>;
};

// One cache per database handle, so that it outlives a request (the route builds its dependencies
// per request) and a test's fresh database never sees another's key.
const caches = new WeakMap<Db, KeyCache>();

export function signerFor(db: Db, accessTokenLifetimeSeconds: number): Signer {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = {}));
  const state = cache;

  async function loadOrCreate(): Promise<SigningKey> {
    const existing = await db.signingKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: "desc" } });
    const { kid, privateJwk } = existing
      ? { kid: existing.kid, privateJwk: existing.privateJwk as JWK }
      : await (state.creating ??= createSigningKey(db));
    const alg = privateJwk.alg ?? SIGNING_ALG;
    return { kid, alg, privateKey: (await importJWK(privateJwk, alg)) as CryptoKey };
  }

  function signingKey(): Promise<SigningKey> {
    // Real time, not the protocol clock: this is a cache of the database, not a protocol decision.
    if (state.current && state.current.until > Date.now()) return state.current.key;
    const key = loadOrCreate();
    state.current = { key, until: Date.now() + KEY_CACHE_SECONDS * 1000 };
    key.catch(() => {
      if (state.current?.key === key) state.current = undefined;
    });
    return key;
  }

  return {
    signingKey,
    async publicJwks() {
      await signingKey();
      return { keys: await publishedKeys(db, accessTokenLifetimeSeconds) };
    },
  };
}
