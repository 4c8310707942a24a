// Consent remembered per user, client and scopes.
import "server-only";
import { authSql } from "@oauth-flow-lab/db/auth";
import { AUTH_STATEMENTS } from "@oauth-flow-lab/db/auth-statements";
import { db } from "@/lib/db";

export async function hasConsent(userId: string, clientId: string, scopes: readonly string[]): Promise<boolean> {
  const [consent] = await authSql(db()).query<{ scopes: string[] }>(AUTH_STATEMENTS.consentScopes, [userId, clientId]);
  return consent !== undefined && scopes.every((s) => consent.scopes.includes(s));
}

/** Adds the scopes to those remembered before (one statement: two consents at once both count). */
export async function rememberConsent(userId: string, clientId: string, scopes: readonly string[]): Promise<void> {
  await authSql(db()).query(AUTH_STATEMENTS.rememberConsent, [userId, clientId, [...new Set(scopes)], new Date()]);
}
