// Incremental consent: what a user already allowed a client is remembered per client and scope
// (consent.ts), and the consent page asks only for what is new.
import { authSql } from "@oauth-flow-lab/db/auth";
import { AUTH_STATEMENTS } from "@oauth-flow-lab/db/auth-statements";
import type { AuthDatabase } from "./dependencies";

export type ConsentDelta = {
  /** Requested and already allowed: the page says so, without asking again. */
  already_allowed: string[];
  /** Requested and never allowed: the only scopes the consent page asks for. */
  new_scopes: string[];
};

/**
 * Splits the requested scopes into those the user already allowed this client and those that are new,
 * in the request's order. RFC 6749 §4.1.1 leaves how consent is obtained to the AS; OpenID Connect Core
 * §3.1.2.4 lets it rely on consent given before.
 */
export function consentDelta(remembered: readonly string[], requested: readonly string[]): ConsentDelta {
  const allowed = new Set(remembered);
  return {
    already_allowed: requested.filter((s) => allowed.has(s)),
    new_scopes: requested.filter((s) => !allowed.has(s)),
  };
}

/** The scopes this user has allowed this client so far (none if never). */
export async function rememberedScopes(db: AuthDatabase, userId: string, clientId: string): Promise<string[]> {
  const [consent] = await authSql(db).query<{ scopes: string[] }>(AUTH_STATEMENTS.consentScopes, [userId, clientId]);
  return consent?.scopes ?? [];
}
