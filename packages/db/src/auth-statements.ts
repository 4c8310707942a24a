// The authorization server's hot statements, as fixed SQL text with parameters (run by auth-sql.ts).
// Column names are those of prisma/auth/schema.prisma (@map); rows come back under Prisma's field
// names, so that the protocol code reads them exactly as it reads Prisma's models.
import type { SqlStatement } from "./auth-sql.ts";

const statement = (name: string, text: string): SqlStatement => ({ name: `oauth_${name}`, text });

const CLIENT_COLUMNS = `"client_id" AS "id", "name", "secret_hash" AS "secretHash",
  "token_endpoint_auth_method" AS "tokenEndpointAuthMethod", "redirect_uris" AS "redirectUris",
  "post_logout_redirect_uris" AS "postLogoutRedirectUris", "allowed_scopes" AS "allowedScopes",
  "grant_types" AS "grantTypes", "introspection_allowed" AS "introspectionAllowed",
  "redirect_uri_matching" AS "redirectUriMatching", "pkce_required" AS "pkceRequired", "disabled_at" AS "disabledAt",
  "previous_secret_hash" AS "previousSecretHash", "previous_secret_expires_at" AS "previousSecretExpiresAt"`;

const GRANT_COLUMNS = `g."id" AS "g_id", g."user_id" AS "g_userId", g."client_id" AS "g_clientId", g."scope" AS "g_scope",
  g."auth_time" AS "g_authTime", g."expires_at" AS "g_expiresAt", g."created_at" AS "g_createdAt",
  g."revoked_at" AS "g_revokedAt", g."last_used_at" AS "g_lastUsedAt"`;

const USER_COLUMNS = `u."id" AS "u_id", u."username" AS "u_username", u."email" AS "u_email", u."name" AS "u_name"`;

// The login throttle's two counting upserts (login-throttle.ts explains the rules). Inside DO UPDATE, `t`
// is the stored row and EXCLUDED the one proposed, whose window_start is now.
const THROTTLE_AT = `EXCLUDED."window_start"`;
/** $1 key, $2 now, $3 limit, $4 first delay (s), $5 window (s), $6 longest delay (s). */
const THROTTLE_WINDOW = "make_interval(secs => $5::float8)";
const THROTTLE_STALE = `(t."window_start" + ${THROTTLE_WINDOW} <= ${THROTTLE_AT} AND (t."locked_until" IS NULL OR t."locked_until" + ${THROTTLE_WINDOW} <= ${THROTTLE_AT}))`;
const THROTTLE_COUNT = `(CASE WHEN ${THROTTLE_STALE} THEN 1 ELSE t."failures" + 1 END)`;
const THROTTLE_DELAY = `make_interval(secs => LEAST($6::float8, $4::float8 * power(2, LEAST(${THROTTLE_COUNT} - $3::int, 30))))`;
/** $1 key, $2 now, $3 window (s), $4 limit. */
const ADDRESS_STALE = `(t."window_start" + make_interval(secs => $3::float8) <= EXCLUDED."window_start")`;

const INTERACTION_COLUMNS = `"id", "binding_hash" AS "bindingHash", "csrf_token" AS "csrfToken", "params", "user_id" AS "userId",
  "auth_time" AS "authTime", "expires_at" AS "expiresAt", "completed_at" AS "completedAt"`;

export const AUTH_STATEMENTS = {
  /** A registered client by its client_id (RFC 6749 §2.2). */
  clientById: statement("client_by_id", `SELECT ${CLIENT_COLUMNS} FROM "clients" WHERE "client_id" = $1`),

  /** A user as the protocol code reads it (never the password hash). */
  userById: statement("user_by_id", `SELECT "id", "username", "email", "name" FROM "users" WHERE "id" = $1`),

  /** A login session by the hash of its cookie. */
  sessionByHash: statement(
    "session_by_hash",
    `SELECT "id", "user_id" AS "userId", "auth_time" AS "authTime", "expires_at" AS "expiresAt" FROM "sessions" WHERE "token_hash" = $1`,
  ),

  /** The scopes a user consented to for a client. */
  consentScopes: statement("consent_scopes", `SELECT "scopes" FROM "consents" WHERE "user_id" = $1 AND "client_id" = $2`),

  /**
   * RFC 6749 §4.1.2: a grant and its authorization code, in one statement (so both or neither).
   * $1 grant id, $2 user, $3 client, $4 scope, $5 auth_time, $6 grant expiry, $7 code hash, $8 redirect_uri,
   * $9 code_challenge, $10 method, $11 nonce, $12 code expiry, $13 created_at.
   */
  insertGrantWithCode: statement(
    "insert_grant_with_code",
    `WITH "grant" AS (
       INSERT INTO "grants" ("id", "user_id", "client_id", "scope", "auth_time", "expires_at", "created_at")
       VALUES ($1::text, $2::text, $3::text, $4::text, $5::timestamp(3), $6::timestamp(3), $13::timestamp(3))
       RETURNING "id", "client_id", "scope")
     INSERT INTO "authorization_codes" ("code_hash", "grant_id", "client_id", "redirect_uri", "scope", "code_challenge",
       "code_challenge_method", "nonce", "expires_at", "created_at")
     SELECT $7::text, "grant"."id", "grant"."client_id", $8::text, "grant"."scope", $9::text, $10::text, $11::text,
       $12::timestamp(3), $13::timestamp(3) FROM "grant"`,
  ),

  /** An authorization code by its hash, with its grant and the grant's user. */
  codeWithGrant: statement(
    "code_with_grant",
    `SELECT c."code_hash" AS "codeHash", c."grant_id" AS "grantId", c."client_id" AS "clientId", c."redirect_uri" AS "redirectUri",
       c."scope", c."code_challenge" AS "codeChallenge", c."code_challenge_method" AS "codeChallengeMethod", c."nonce",
       c."expires_at" AS "expiresAt", c."consumed_at" AS "consumedAt", c."created_at" AS "createdAt",
       ${GRANT_COLUMNS}, ${USER_COLUMNS}
     FROM "authorization_codes" c JOIN "grants" g ON g."id" = c."grant_id" LEFT JOIN "users" u ON u."id" = g."user_id"
     WHERE c."code_hash" = $1`,
  ),

  /** RFC 6749 §4.1.2: spends a code, once: no row back means it was spent before. $1 hash, $2 now. */
  consumeCode: statement(
    "consume_code",
    `UPDATE "authorization_codes" SET "consumed_at" = $2::timestamp(3) WHERE "code_hash" = $1 AND "consumed_at" IS NULL RETURNING 1 AS "consumed"`,
  ),

  /**
   * The tokens of a grant, in one statement: the access token by its jti (RFC 7009, RFC 7662), the grant's
   * last use, and a refresh token when $7 (its hash) is not null.
   * $1 jti, $2 grant, $3 client, $4 access token expiry, $5 last_used_at, $6 created_at,
   * $7 refresh token hash, $8 its scope, $9 its expiry.
   */
  recordTokens: statement(
    "record_tokens",
    `WITH "access" AS (
       INSERT INTO "access_tokens" ("jti", "grant_id", "client_id", "expires_at", "created_at") VALUES ($1::text, $2::text, $3::text, $4::timestamp(3), $6::timestamp(3))),
     "refresh" AS (
       INSERT INTO "refresh_tokens" ("token_hash", "grant_id", "client_id", "scope", "expires_at", "created_at")
       SELECT $7::text, $2::text, $3::text, $8::text, $9::timestamp(3), $6::timestamp(3) WHERE $7::text IS NOT NULL)
     UPDATE "grants" SET "last_used_at" = $5::timestamp(3) WHERE "id" = $2::text`,
  ),

  /** A refresh token by its hash, with its grant and the grant's user. */
  refreshTokenWithGrant: statement(
    "refresh_token_with_grant",
    `SELECT t."token_hash" AS "tokenHash", t."grant_id" AS "grantId", t."client_id" AS "clientId", t."scope",
       t."expires_at" AS "expiresAt", t."used_at" AS "usedAt", t."revoked_at" AS "revokedAt", t."created_at" AS "createdAt",
       ${GRANT_COLUMNS}, ${USER_COLUMNS}
     FROM "refresh_tokens" t JOIN "grants" g ON g."id" = t."grant_id" LEFT JOIN "users" u ON u."id" = g."user_id"
     WHERE t."token_hash" = $1`,
  ),

  /**
   * RFC 9700 §4.14.2: rotation in one statement. The old token is spent only if it was unused (of two
   * concurrent uses, one spends it and the other gets no row back: a reuse); its successor, the access
   * token and the grant's last use are written only when it was.
   * $1 old hash, $2 now, $3 successor hash, $4 client, $5 successor scope, $6 successor expiry, $7 jti,
   * $8 access token expiry, $9 last_used_at, $10 created_at.
   */
  rotateRefreshToken: statement(
    "rotate_refresh_token",
    `WITH "spent" AS (
       UPDATE "refresh_tokens" SET "used_at" = $2::timestamp(3) WHERE "token_hash" = $1::text AND "used_at" IS NULL
       RETURNING "grant_id"),
     "successor" AS (
       INSERT INTO "refresh_tokens" ("token_hash", "grant_id", "client_id", "scope", "expires_at", "created_at")
       SELECT $3::text, "grant_id", $4::text, $5::text, $6::timestamp(3), $10::timestamp(3) FROM "spent"),
     "access" AS (
       INSERT INTO "access_tokens" ("jti", "grant_id", "client_id", "expires_at", "created_at")
       SELECT $7::text, "grant_id", $4::text, $8::timestamp(3), $10::timestamp(3) FROM "spent"),
     "touched" AS (
       UPDATE "grants" SET "last_used_at" = $9::timestamp(3) WHERE "id" IN (SELECT "grant_id" FROM "spent"))
     SELECT "grant_id" AS "grantId" FROM "spent"`,
  ),

  /**
   * The login path (GET /authorize without a session, the login page, POST login, the consent form):
   * statements instead of Prisma calls, since a login's own work, apart from argon2, was mostly Prisma's.
   */

  /** An account for the login form, by its normalised username: the hash and its state, read once. */
  userForLogin: statement(
    "user_for_login",
    `SELECT "id", "username", "email", "name", "password_hash" AS "passwordHash",
       "must_change_password" AS "mustChangePassword", "disabled_at" AS "disabledAt"
     FROM "users" WHERE "username" = $1`,
  ),

  /** An account's state: a one-time password to change, disabled by a teacher. */
  accountState: statement(
    "account_state",
    `SELECT "must_change_password" AS "mustChangePassword", "disabled_at" AS "disabledAt" FROM "users" WHERE "id" = $1`,
  ),

  /** Counts a login attempt for an account at an address (the first key); no row back: throttled. */
  throttleCountAccount: statement(
    "throttle_count_account",
    `INSERT INTO "login_throttle" AS t ("key", "failures", "window_start", "locked_until")
     VALUES ($1::text, 1, $2::timestamp(3), CASE WHEN 1 >= $3::int THEN $2::timestamp(3) + make_interval(secs => $4::float8) END)
     ON CONFLICT ("key") DO UPDATE SET
       "failures" = ${THROTTLE_COUNT},
       "window_start" = CASE WHEN ${THROTTLE_STALE} THEN ${THROTTLE_AT} ELSE t."window_start" END,
       "locked_until" = CASE WHEN ${THROTTLE_COUNT} >= $3::int THEN ${THROTTLE_AT} + ${THROTTLE_DELAY} END
     WHERE t."locked_until" IS NULL OR t."locked_until" <= ${THROTTLE_AT}
     RETURNING t."failures"`,
  ),

  /** Counts a login attempt from an address (the second key); no row back: throttled. */
  throttleCountAddress: statement(
    "throttle_count_address",
    `INSERT INTO "login_throttle" AS t ("key", "failures", "window_start", "locked_until")
     VALUES ($1::text, 1, $2::timestamp(3), NULL)
     ON CONFLICT ("key") DO UPDATE SET
       "failures" = CASE WHEN ${ADDRESS_STALE} THEN 1 ELSE t."failures" + 1 END,
       "window_start" = CASE WHEN ${ADDRESS_STALE} THEN EXCLUDED."window_start" ELSE t."window_start" END
     WHERE ${ADDRESS_STALE} OR t."failures" < $4::int
     RETURNING t."failures"`,
  ),

  /** Gives an address its attempt back. */
  throttleGiveBack: statement(
    "throttle_give_back",
    `UPDATE "login_throttle" SET "failures" = "failures" - 1 WHERE "key" = $1 AND "failures" > 0`,
  ),

  /** Forgets a key's attempts (a successful login). */
  throttleForget: statement("throttle_forget", `DELETE FROM "login_throttle" WHERE "key" = $1`),

  /** A login session. $1 id, $2 hash of the cookie, $3 user, $4 auth_time, $5 expiry, $6 created_at. */
  insertSession: statement(
    "insert_session",
    `INSERT INTO "sessions" ("id", "token_hash", "user_id", "auth_time", "expires_at", "created_at")
     VALUES ($1::text, $2::text, $3::text, $4::timestamp(3), $5::timestamp(3), $6::timestamp(3))`,
  ),

  /** Ends the session of a cookie (by its hash). */
  deleteSessionByHash: statement("delete_session_by_hash", `DELETE FROM "sessions" WHERE "token_hash" = $1`),

  /**
   * An interaction (a validated authorization request waiting for login and consent).
   * $1 id, $2 binding hash, $3 CSRF token, $4 client, $5 parameters (JSON), $6 user, $7 auth_time,
   * $8 expiry, $9 created_at.
   */
  insertInteraction: statement(
    "insert_interaction",
    `INSERT INTO "interactions" ("id", "binding_hash", "csrf_token", "client_id", "params", "user_id", "auth_time", "expires_at", "created_at")
     VALUES ($1::text, $2::text, $3::text, $4::text, $5::jsonb, $6::text, $7::timestamp(3), $8::timestamp(3), $9::timestamp(3))`,
  ),

  interactionById: statement("interaction_by_id", `SELECT ${INTERACTION_COLUMNS} FROM "interactions" WHERE "id" = $1`),

  /** Who logged in at an interaction. $1 id, $2 user, $3 auth_time. */
  attachInteractionUser: statement(
    "attach_interaction_user",
    `UPDATE "interactions" SET "user_id" = $2::text, "auth_time" = $3::timestamp(3) WHERE "id" = $1::text`,
  ),

  /** Finishes an interaction, once: no row back means it was finished before (a double submit). $1 id, $2 now. */
  completeInteraction: statement(
    "complete_interaction",
    `UPDATE "interactions" SET "completed_at" = $2::timestamp(3) WHERE "id" = $1::text AND "completed_at" IS NULL RETURNING 1 AS "completed"`,
  ),

  /** Who registered a client in the developer console (no row for the lab's own clients). */
  clientRegistrant: statement(
    "client_registrant",
    `SELECT u."name", u."username" FROM "clients" c JOIN "users" u ON u."id" = c."owner_id" WHERE c."client_id" = $1`,
  ),

  /**
   * Remembers consent: the scopes allowed before, then the new ones, each once, in that order.
   * $1 user, $2 client, $3 scopes (text[]), $4 updated_at.
   */
  rememberConsent: statement(
    "remember_consent",
    `INSERT INTO "consents" AS c ("user_id", "client_id", "scopes", "updated_at") VALUES ($1::text, $2::text, $3::text[], $4::timestamp(3))
     ON CONFLICT ("user_id", "client_id") DO UPDATE SET
       "scopes" = ARRAY(SELECT m.s FROM unnest(c."scopes" || EXCLUDED."scopes") WITH ORDINALITY AS m(s, i) GROUP BY m.s ORDER BY min(m.i)),
       "updated_at" = EXCLUDED."updated_at"`,
  ),
} as const;

/** The grant columns of codeWithGrant and refreshTokenWithGrant (prefixed g_), as Prisma's Grant. */
export type GrantColumns = {
  g_id: string;
  g_userId: string;
  g_clientId: string;
  g_scope: string;
  g_authTime: Date;
  g_expiresAt: Date;
  g_createdAt: Date;
  g_revokedAt: Date | null;
  g_lastUsedAt: Date | null;
};

/** The user columns of codeWithGrant and refreshTokenWithGrant (prefixed u_; null if the user is gone). */
export type UserColumns = { u_id: string | null; u_username: string | null; u_email: string | null; u_name: string | null };

export function grantOf(row: GrantColumns) {
  return {
    id: row.g_id,
    userId: row.g_userId,
    clientId: row.g_clientId,
    scope: row.g_scope,
    authTime: row.g_authTime,
    expiresAt: row.g_expiresAt,
    createdAt: row.g_createdAt,
    revokedAt: row.g_revokedAt,
    lastUsedAt: row.g_lastUsedAt,
  };
}

export function userOf(row: UserColumns): { id: string; username: string; email: string; name: string } | null {
  if (row.u_id === null || row.u_username === null || row.u_email === null || row.u_name === null) return null;
  return { id: row.u_id, username: row.u_username, email: row.u_email, name: row.u_name };
}
