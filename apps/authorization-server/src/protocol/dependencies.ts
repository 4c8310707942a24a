// What the protocol code needs from the outside, passed in as arguments (the mail API does the same):
// the database, a clock, the configuration and a signer. Only the route handlers read the global
// db() and env() and build these; unit tests build their own (a PGlite database, a fixed clock).
import type { PrismaClient } from "@oauth-flow-lab/db/auth";
import type { Env } from "@/env";
import { type Signer, signerFor } from "./signer";

/** The Prisma client, made by createAuthDb: its pool also runs the hot statements (authSql, auth-statements.ts). */
export type AuthDatabase = PrismaClient;

/** Lifetimes in seconds; defaults in the lab registry (LIFETIMES), overridable by the AS's env. */
export type Lifetimes = {
  /** RFC 6749 §4.1.2. */
  authorization_code: number;
  /** RFC 9700 §4.10. */
  access_token: number;
  /** OpenID Connect Core §2: the ID token's `exp`. */
  id_token: number;
  /** RFC 6749 §6, RFC 9700 §4.14.2: the idle limit, renewed by each rotation. */
  refresh_token: number;
  /** RFC 9700 §4.14.2: the grant's absolute lifetime; no refresh token outlives it. */
  grant_absolute: number;
};

export type ProtocolConfig = {
  /** RFC 8414 §2: the issuer identifier, no trailing "/". */
  issuer: string;
  /** RFC 9068 §3: the `aud` of access tokens (the mail API). */
  accessTokenAudience: string;
  lifetimes: Lifetimes;
};

export type ProtocolDependencies = {
  db: AuthDatabase;
  /** The clock every expiry is decided by. */
  now: () => Date;
  config: ProtocolConfig;
  signer: Signer;
};

/** Built by the route handlers from the validated environment and the one database handle. */
export function protocolDependencies(env: Env, db: AuthDatabase): ProtocolDependencies {
  return {
    db,
    now: () => new Date(),
    config: {
      issuer: env.ISSUER,
      accessTokenAudience: env.MAIL_API_AUDIENCE,
      lifetimes: {
        authorization_code: env.AUTHORIZATION_CODE_TTL,
        access_token: env.ACCESS_TOKEN_TTL,
        // The env has no ID token override: ID tokens have always lived as long as access tokens.
        id_token: env.ACCESS_TOKEN_TTL,
        refresh_token: env.REFRESH_TOKEN_TTL,
        grant_absolute: env.GRANT_ABSOLUTE_TTL,
      },
    },
    signer: signerFor(db, env.ACCESS_TOKEN_TTL),
  };
}
