// The JWK Set route's entry to the signer (the route reads no dependencies itself yet).
import "server-only";
import type { JWK } from "jose";
import { env } from "@/env";
import { db } from "@/lib/db";
import { signerFor } from "./signer";

/** RFC 7517 §5: the public keys, current and retired-but-still-needed. */
export function publicJwks(): Promise<{ keys: JWK[] }> {
  return signerFor(db(), env().ACCESS_TOKEN_TTL).publicJwks();
}
