// Seeds the authorization server: the demo users (argon2id password hashes) and the lab's clients
// (with the attack lab's naive twins when it is on). Idempotent: a second run changes only what the config changed.
import { createHash } from "node:crypto";
import { PASSWORD_HASHING, type Role } from "@oauth-flow-lab/lab";
import argon2 from "argon2";
import type { PrismaClient } from "../../packages/db/src/auth.ts";

export type SeedUser = { sub: string; username: string; password: string; name: string; email: string; role: Role };
export type SeedClient = {
  client_id: string;
  name: string;
  /** Absent for a public client (token_endpoint_auth_method "none"). */
  client_secret?: string | undefined;
  redirect_uris: string[];
  /** OpenID Connect RP-Initiated Logout 1.0 §3.1: exact post_logout_redirect_uri values. */
  post_logout_redirect_uris: string[];
  scopes: string[];
  grant_types: string[];
  /** A resource server that may call the introspection endpoint (RFC 7662). */
  introspection_allowed: boolean;
  /** RFC 9700 §4.1.3: "exact" for every real client; "prefix" only for an attack lab twin. */
  redirect_uri_matching: "exact" | "prefix";
  /** RFC 9700 §2.1.1: true for every real client; false only for an attack lab twin. */
  pkce_required: boolean;
};

export async function seedAuth(
  db: PrismaClient,
  users: readonly SeedUser[],
  clients: readonly SeedClient[],
  /** Registrations to remove (teaching-only clients when teaching mode is off, naive twins when the attack lab is). */
  removed: readonly string[] = [],
): Promise<void> {
  if (removed.length > 0) await db.client.deleteMany({ where: { id: { in: [...removed] } } });
  for (const user of users) {
    const existing = await db.user.findUnique({ where: { id: user.sub } });
    if (existing) {
      // Hashing costs tens of milliseconds: only for new users. A role the registry changed is applied.
      if (existing.role !== user.role) await db.user.update({ where: { id: user.sub }, data: { role: user.role } });
      continue;
    }
    await db.user.create({
      data: {
        id: user.sub,
        username: user.username,
        email: user.email,
        name: user.name,
        role: user.role,
        // OWASP's argon2id parameters (PASSWORD_HASHING), as the AS verifies and rehashes with.
        passwordHash: await argon2.hash(user.password, { type: argon2.argon2id, ...PASSWORD_HASHING }),
      },
    });
  }
  // The seeded students are in the seeded teacher's class: the demo teacher's console shows them.
  const teacher = users.find((u) => u.role === "teacher");
  if (teacher) {
    await db.user.updateMany({
      where: { id: { in: users.filter((u) => u.role === "student").map((u) => u.sub) }, createdById: null },
      data: { createdById: teacher.sub },
    });
  }
  for (const client of clients) {
    const data = {
      name: client.name,
      // Generated secrets have 256 bits of entropy: SHA-256 is the right hash (argon2 is for passwords).
      secretHash: client.client_secret === undefined ? null : createHash("sha256").update(client.client_secret, "utf8").digest("base64url"),
      tokenEndpointAuthMethod: client.client_secret === undefined ? "none" : "client_secret_basic",
      redirectUris: client.redirect_uris,
      postLogoutRedirectUris: client.post_logout_redirect_uris,
      allowedScopes: client.scopes,
      grantTypes: client.grant_types,
      introspectionAllowed: client.introspection_allowed,
      redirectUriMatching: client.redirect_uri_matching,
      pkceRequired: client.pkce_required,
    };
    await db.client.upsert({ where: { id: client.client_id }, create: { id: client.client_id, ...data }, update: data });
  }
}
