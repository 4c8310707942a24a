// The AS's own login session. Its cookie is HttpOnly, SameSite=Lax and lives on the AS host only,
// so the client (on another host) never sees it. The database stores only a hash of its value.
import "server-only";
import { authSql } from "@oauth-flow-lab/db/auth";
import { AUTH_STATEMENTS } from "@oauth-flow-lab/db/auth-statements";
import { env } from "@/env";
import { db } from "@/lib/db";
import { randomToken, sha256 } from "@/lib/random";

export const SESSION_COOKIE = "as_session";

export type LoginSession = { id: string; userId: string; authTime: Date };

/**
 * Starts a login session. `previousCookieValue`: the browser's current session cookie, whose session
 * ends here (a new login in a browser replaces its previous session; on a shared PC the previous
 * student's session row must not live on behind the new cookie).
 */
export async function createSession(userId: string, previousCookieValue?: string): Promise<{ cookieValue: string; session: LoginSession }> {
  await deleteSession(previousCookieValue);
  const cookieValue = randomToken();
  const authTime = new Date();
  const session: LoginSession = { id: randomToken(16), userId, authTime };
  const expiresAt = new Date(authTime.getTime() + env().SESSION_TTL * 1000);
  await authSql(db()).query(AUTH_STATEMENTS.insertSession, [session.id, sha256(cookieValue), userId, authTime, expiresAt, authTime]);
  return { cookieValue, session };
}

export async function findSession(cookieValue: string | undefined): Promise<LoginSession | null> {
  if (!cookieValue || cookieValue.length > 100) return null;
  const [session] = await authSql(db()).query<LoginSession & { expiresAt: Date }>(AUTH_STATEMENTS.sessionByHash, [sha256(cookieValue)]);
  if (!session || session.expiresAt < new Date()) return null;
  return { id: session.id, userId: session.userId, authTime: session.authTime };
}

/** Ends the session this cookie value belongs to (deletes its row); nothing happens for an unknown value. */
export async function deleteSession(cookieValue: string | undefined): Promise<void> {
  if (!cookieValue || cookieValue.length > 100) return;
  await authSql(db()).query(AUTH_STATEMENTS.deleteSessionByHash, [sha256(cookieValue)]);
}

/**
 * The CSRF token of the account page's forms (sign out, revoke): derived from the session cookie's
 * value, which only this browser holds (HttpOnly), so another site can neither read nor compute it.
 * A synchronizer token (OWASP CSRF Prevention Cheat Sheet) with nothing more to store.
 */
export function sessionCsrfToken(cookieValue: string): string {
  return sha256(`csrf:${cookieValue}`);
}

export function sessionCookieOptions(maxAgeSeconds: number) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: env().ISSUER.startsWith("https://"),
    path: "/",
    maxAge: maxAgeSeconds,
  };
}
