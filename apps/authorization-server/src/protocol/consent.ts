// Consent remembered per user, client and scopes.
import "server-only";
import { authSql } from "@oauth-flow-lab/db/auth";
import { AUTH_STATEMENTS } from "@oauth-flow-lab/db/auth-statements";
import { db } from "@/lib/db";

export async function hasConsent(userId: string, clientId: string, scopes: readonly string[]): Promise<boolean> {
  const [consent] = await authSql(db()).query<{ scopes: string[] }>(AUTH_STATEMENTS.consentScopes, [userId, clientId]);
  return consent !== undefined && scopes.every((s) => consent.scopes.includes(s));
}

export async function rememberConsent(userId: string, clientId: string, scopes: readonly string[]): Promise<void> {
  const existing = await db().consent.findUnique({ where: { userId_clientId: { userId, clientId } } });
  const merged = [...new Set([...(existing?.scopes ?? []), ...scopes])];
  await db().consent.upsert({
    where: { userId_clientId: { userId, clientId } },
    create: { userId, clientId, scopes: merged },
    update: { scopes: merged },
  });
}
