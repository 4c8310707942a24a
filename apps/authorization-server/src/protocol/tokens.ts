// Minting tokens: JWT access tokens (RFC 9068), ID tokens (OpenID Connect Core §2, §3.1.3.6) and
// opaque refresh tokens (RFC 6749 §1.5), and the token response (RFC 6749 §5.1).
import { createHash } from "node:crypto";
import { ACCESS_TOKEN_JWT_TYPE, hasScopes } from "@oauth-flow-lab/oauth";
import { SignJWT } from "jose";
import { randomToken, sha256 } from "@/lib/random";
import { accessTokenAudienceFor } from "./client-policy";
import type { ProtocolDependencies } from "./dependencies";
import { findUser, type User } from "./user-records";

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The identity and lifetime of an access token, fixed before it is recorded and signed. */
export type AccessTokenId = { jti: string; iat: number; exp: number };

export function newAccessTokenId(deps: Pick<ProtocolDependencies, "now" | "config">): AccessTokenId {
  const iat = seconds(deps.now());
  return { jti: randomToken(16), iat, exp: iat + deps.config.lifetimes.access_token };
}

/**
 * The row that records an access token by its `jti`, written by the statement that issues it, so
 * that it can later be revoked (RFC 7009) and introspected (RFC 7662) although it is a self-contained
 * JWT. The grant's `last_used_at` (the account page's "last used") is the token's `iat`.
 */
export function accessTokenRecord(id: AccessTokenId): { jti: string; expiresAt: Date; lastUsedAt: Date } {
  return { jti: id.jti, expiresAt: new Date(id.exp * 1000), lastUsedAt: new Date(id.iat * 1000) };
}

/**
 * RFC 9068 §2.2: iss, exp, aud, sub, client_id, iat, jti, scope; `typ: at+jwt` in the header. `aud` is
 * the mail API, except for an attack lab twin (client-policy.ts: the naive endpoint only).
 * RFC 9068 §2.2.1: `email`, the user's LabMail address, is the mailbox the mail API delivers to.
 */
export async function signAccessToken(
  deps: Pick<ProtocolDependencies, "config" | "signer" | "db">,
  id: AccessTokenId,
  grant: { userId: string; clientId: string; scope: string; authTime: Date },
  /** The grant's user when the caller read it already (undefined: looked up here; null: gone). */
  knownUser?: User | null,
): Promise<{ access_token: string; expires_in: number }> {
  const key = await deps.signer.signingKey();
  const user = knownUser === undefined ? await findUser(deps.db, grant.userId) : knownUser;
  const access_token = await new SignJWT({
    client_id: grant.clientId,
    scope: grant.scope,
    auth_time: seconds(grant.authTime),
    ...(user ? { email: user.email } : {}),
  })
    .setProtectedHeader({ alg: key.alg, typ: ACCESS_TOKEN_JWT_TYPE, kid: key.kid })
    .setIssuer(deps.config.issuer)
    .setSubject(grant.userId)
    .setAudience(accessTokenAudienceFor(grant.clientId, deps.config.accessTokenAudience))
    .setIssuedAt(id.iat)
    .setExpirationTime(id.exp)
    .setJti(id.jti)
    .sign(key.privateKey);
  return { access_token, expires_in: id.exp - id.iat };
}

/** OpenID Connect Core §3.1.3.6: at_hash is the left half of SHA-256(access_token), base64url. */
export function accessTokenHash(accessToken: string): string {
  return createHash("sha256").update(accessToken, "ascii").digest().subarray(0, 16).toString("base64url");
}

/** OpenID Connect Core §2: the ID token, audience the client, with nonce and at_hash. */
export async function signIdToken(
  deps: Pick<ProtocolDependencies, "now" | "config" | "signer">,
  args: {
    user: User;
    clientId: string;
    scope: string;
    authTime: Date;
    nonce: string | null;
    accessToken: string;
  },
): Promise<string> {
  const key = await deps.signer.signingKey();
  const iat = seconds(deps.now());
  const claims: Record<string, unknown> = {
    auth_time: seconds(args.authTime),
    at_hash: accessTokenHash(args.accessToken),
    ...userClaims(args.user, args.scope),
  };
  if (args.nonce !== null) claims.nonce = args.nonce;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, typ: "JWT", kid: key.kid })
    .setIssuer(deps.config.issuer)
    .setSubject(args.user.id)
    .setAudience(args.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + deps.config.lifetimes.id_token)
    .sign(key.privateKey);
}

/** OpenID Connect Core §5.4: the claims each scope releases. */
export function userClaims(user: User, scope: string): Record<string, string | boolean> {
  const claims: Record<string, string | boolean> = {};
  if (hasScopes(scope, ["profile"])) {
    claims.name = user.name;
    claims.preferred_username = user.username;
  }
  if (hasScopes(scope, ["email"])) {
    claims.email = user.email;
    claims.email_verified = true;
  }
  return claims;
}

/**
 * An opaque refresh token: 256 random bits; only its hash is stored (RFC 6749 §10.4). It expires after
 * lifetimes.refresh_token, and never after the grant's absolute end (`expiresAt`, RFC 9700 §4.14.2).
 * The caller stores `tokenHash` in the statement that issues it.
 */
export function newRefreshToken(
  deps: Pick<ProtocolDependencies, "now" | "config">,
  grant: { expiresAt?: Date },
): { refresh_token: string; tokenHash: string; expiresAt: Date } {
  const refresh_token = randomToken();
  const idle = deps.now().getTime() + deps.config.lifetimes.refresh_token * 1000;
  return { refresh_token, tokenHash: sha256(refresh_token), expiresAt: new Date(Math.min(idle, grant.expiresAt?.getTime() ?? idle)) };
}

/** RFC 6749 §5.1 */
export type TokenResponse = {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
  refresh_token?: string;
  id_token?: string;
};
