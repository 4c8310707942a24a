// The attacker's published keys, for the jku forgery of scenario 4: a JWK Set the forged
// token points to, served by the dashboard at /attacks/attacker-keys/{id} (attack lab only). In this
// dashboard's state store (lib/state/store.ts), bounded in number and in time like the runs; public keys only.
import "server-only";
import { randomBytes } from "node:crypto";
import type { JWK } from "jose";
import { stateStore } from "@/lib/state/stores";

const MAX_KEYS = 200;
const KEY_TTL_MS = 10 * 60 * 1000;

const store = stateStore<JWK>({ name: "attacker-keys", maxEntries: MAX_KEYS, ttlMs: KEY_TTL_MS });

/** The path the attacker's key set is served at. */
export const ATTACKER_KEYS_PATH = "/attacks/attacker-keys";

/** Publishes a public JWK; returns the id of its URL. */
export async function publishAttackerKey(jwk: JWK): Promise<string> {
  if ("d" in jwk) throw new Error("only public keys are published");
  const id = randomBytes(16).toString("base64url");
  await store.add(id, jwk);
  return id;
}

export function attackerKey(id: string): Promise<JWK | undefined> {
  return store.get(id);
}
