// Refreshing an access token (back channel). Used by the real dashboard's proxy and by the guided flow.
import * as oauth from "oauth4webapi";
import { expiresAt } from "../oauth/token-expiry";
import { type ConfidentialClient, clientAuthentication, clientMetadata } from "./client";
import { protocolError, TokenEndpointUnavailable } from "./errors";
import { type Http, requestOptions } from "./http";

export { TokenEndpointUnavailable } from "./errors";

/** The tokens a successful refresh gives us, with the expiry made absolute. */
export type RefreshedTokens = {
  access_token: string;
  /** RFC 6749 §6: present when the server rotated the refresh token; otherwise keep the old one. */
  refresh_token: string | undefined;
  /** Seconds since the epoch. */
  expires_at: number;
  scope: string | undefined;
};

export type RefreshTokenGrant = { client: ConfidentialClient; refresh_token: string };

/**
 * RFC 6749 §6 (https://www.rfc-editor.org/rfc/rfc6749#section-6): `grant_type=refresh_token` through
 * oauth4webapi's `refreshTokenGrantRequest` / `processRefreshTokenResponse`, the client authenticating
 * with `client_secret_basic` (§2.3.1). No `scope`: the scope already granted is kept.
 *
 * With rotation (RFC 9700 §4.14.2) the answer carries a new refresh token and the old one is spent:
 * presenting it again makes the authorization server revoke the whole grant. Callers must therefore
 * never refresh the same token twice in parallel; see `lib/oauth/single-flight.ts`.
 *
 * Throws the shared OAuth error class (§5.2: `InvalidGrant` when the refresh token is expired, revoked
 * or already used), or `TokenEndpointUnavailable` when the answer is not an OAuth response at all.
 */
export async function refreshAccessToken(
  as: oauth.AuthorizationServer,
  grant: RefreshTokenGrant,
  deps: { http?: Http | undefined; now: () => number },
): Promise<RefreshedTokens> {
  const client = clientMetadata(grant.client.client_id);
  let tokens: oauth.TokenEndpointResponse;
  try {
    const response = await oauth.refreshTokenGrantRequest(
      as,
      client,
      clientAuthentication(grant.client),
      grant.refresh_token,
      requestOptions(as.issuer, deps.http),
    );
    tokens = await oauth.processRefreshTokenResponse(as, client, response);
  } catch (error) {
    throw await protocolError(error, TokenEndpointUnavailable, "refresh failed");
  }
  if (tokens.token_type !== "bearer")
    throw new TokenEndpointUnavailable(`refresh failed: token_type ${tokens.token_type}, expected Bearer (RFC 6750)`);
  return {
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    expires_at: expiresAt(tokens.expires_in, deps.now()),
    scope: tokens.scope,
  };
}
