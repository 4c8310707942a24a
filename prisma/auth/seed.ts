// Seeds the authorization server: the demo users (argon2id password hashes) and the dashboard,
// registered as a confidential client. Idempotent: a second run changes only what the config changed.
import { createHash } from "node:crypto";
import argon2 from "argon2";
import type { PrismaClient } from "../../packages/db/src/auth.ts";

export type SeedUser = { sub: string; username: string; password: string; name: string; email: string };
export type SeedClient = {
  client_id: string;
  name: string;
  /** Absent for a public client (token_endpoint_auth_method "none"). */
  client_secret?: string | undefined;
  redirect_uris: string[];
  scopes: string[];
  grant_types: string[];
  /** A resource server that may call the introspection endpoint (RFC 7662). */
  introspection_allowed: boolean;
};

export async function seedAuth(
  db: PrismaClient,
  users: readonly SeedUser[],
  clients: readonly SeedClient[],
  /** Registrations to remove (teaching-only clients when teaching mode is off). */
  removed: readonly string[] = [],
): Promise<void> {
  if (removed.length > 0) await db.client.deleteMany({ where: { id: { in: [...removed] } } });
  for (const user of users) {
    const existing = await db.user.findUnique({ where: { id: user.sub } });
    if (existing) continue; // hashing costs tens of milliseconds: only for new users
    await db.user.create({
      data: {
        id: user.sub,
        username: user.username,
        email: user.email,
        name: user.name,
        passwordHash: await argon2.hash(user.password, { type: argon2.argon2id }),
      },
    });
  }
  for (const client of clients) {
    const data = {
      name: client.name,
      // Generated secrets have 256 bits of entropy: SHA-256 is the right hash (argon2 is for passwords).
      secretHash:
        client.client_secret === undefined ? null : createHash("sha256").update(client.client_secret, "utf8").digest("base64url"),
      tokenEndpointAuthMethod: client.client_secret === undefined ? "none" : "client_secret_basic",
      redirectUris: client.redirect_uris,
      allowedScopes: client.scopes,
      grantTypes: client.grant_types,
      introspectionAllowed: client.introspection_allowed,
    };
    await db.client.upsert({ where: { id: client.client_id }, create: { id: client.client_id, ...data }, update: data });
  }
}
