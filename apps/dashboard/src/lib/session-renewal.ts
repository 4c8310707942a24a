// The proxy's decision for each inbox request: use the session as it is, renew its access token,
// or end it. No next imports, so the logic can be unit-tested.
import { OAuthError } from "@oauth-flow-lab/oauth";
import { accessTokenNeedsRefresh } from "./oauth/token-expiry";
import type { RefreshedTokens } from "./oauth-client/refresh";
import { REFRESH_ERROR, type SessionToken } from "./session-token";

export type RenewalOutcome =
  /** The access token is still good. */
  | { kind: "valid" }
  /** A new access token (and rotated refresh token): the session cookie must be rewritten. */
  | { kind: "refreshed"; token: SessionToken }
  /** The authorization server refused (invalid_grant…) or there is no refresh token: sign in again. */
  | { kind: "ended"; reason: string }
  /** The token endpoint could not be reached: keep the session, flag it, try again next request. */
  | { kind: "unavailable"; token: SessionToken; reason: string };

export type RenewalDeps = {
  /** Seconds since the epoch. */
  now: () => number;
  /** Single-flight refresh (RFC 6749 §6). */
  refresh: (refresh_token: string) => Promise<RefreshedTokens>;
};

/** RFC 6749 §6: keeps the old refresh token when the server did not issue a new one. */
export function applyRefreshedTokens(token: SessionToken, tokens: RefreshedTokens): SessionToken {
  return {
    sub: token.sub,
    name: token.name,
    email: token.email,
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token ?? token.refresh_token,
    expires_at: tokens.expires_at,
    // Kept for RP-Initiated Logout (id_token_hint); a refresh does not replace the sign-in's ID token.
    ...(token.id_token === undefined ? {} : { id_token: token.id_token }),
    // RFC 6749 §6: a refresh keeps the grant's scope.
    ...(token.scope === undefined ? {} : { scope: token.scope }),
  };
}

export async function renewSession(token: SessionToken, deps: RenewalDeps): Promise<RenewalOutcome> {
  if (!accessTokenNeedsRefresh(token.expires_at, deps.now())) return { kind: "valid" };
  if (token.refresh_token === undefined) return { kind: "ended", reason: "access token expired and no refresh token was issued" };
  try {
    return { kind: "refreshed", token: applyRefreshedTokens(token, await deps.refresh(token.refresh_token)) };
  } catch (error) {
    // An OAuth error below 500 (invalid_grant, invalid_client, …) is the server's final answer.
    if (error instanceof OAuthError && error.status < 500) {
      return { kind: "ended", reason: `${error.error}: ${error.error_description}` };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: "unavailable", token: { ...token, error: REFRESH_ERROR }, reason };
  }
}
