// RFC 6749 §6: refreshing an access token. Sending and processing are separate steps.
import { z } from "zod";
import { clientSecretBasic, type ClientCredentials } from "./client-authentication";
import { oauthErrorFromResponse } from "@oauth-flow-lab/oauth";
import { expiresAt } from "./token-expiry";

/** RFC 6749 §6: the grant type of a refresh request. */
export const REFRESH_TOKEN_GRANT_TYPE = "refresh_token";

/** The tokens a successful refresh gives us, with the expiry made absolute. */
export type RefreshedTokens = {
  access_token: string;
  /** RFC 6749 §6: present when the server rotated the refresh token; otherwise keep the old one. */
  refresh_token: string | undefined;
  /** Seconds since the epoch. */
  expires_at: number;
  scope: string | undefined;
};

/** RFC 6749 §5.1: the successful token response (snake_case, as on the wire). */
const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().refine((t) => t.toLowerCase() === "bearer", "token_type must be Bearer (RFC 6750)"),
  expires_in: z.number().int().positive().optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});

/** RFC 6749 §5.2: the error response. */
const errorResponseSchema = z.object({
  error: z.string().min(1),
  error_description: z.string().optional(),
});

/** The token endpoint did not answer with a token response or an OAuth error (network, 5xx, garbage). */
export class TokenEndpointUnavailable extends Error {
  override readonly name = "TokenEndpointUnavailable";
}

export type RefreshTokenGrantRequest = {
  token_endpoint: string;
  client: ClientCredentials;
  refresh_token: string;
};

/**
 * RFC 6749 §6: POSTs `grant_type=refresh_token&refresh_token=…` to the token endpoint, the client
 * authenticating with `client_secret_basic` (§2.3.1). No `scope`: we keep the scope already granted.
 */
export function refreshTokenGrantRequest(request: RefreshTokenGrantRequest, fetchImpl: typeof fetch = fetch): Promise<Response> {
  return fetchImpl(request.token_endpoint, {
    method: "POST",
    headers: {
      authorization: clientSecretBasic(request.client),
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    },
    body: new URLSearchParams({ grant_type: REFRESH_TOKEN_GRANT_TYPE, refresh_token: request.refresh_token }).toString(),
    cache: "no-store",
    signal: AbortSignal.timeout(10_000),
  });
}

/**
 * RFC 6749 §5.1 / §5.2: reads the token response. Throws the shared error class of the OAuth error
 * code (`InvalidGrant` when the refresh token is expired, revoked or was already used), or
 * `TokenEndpointUnavailable` when the answer is not an OAuth response at all.
 */
export async function processRefreshTokenResponse(response: Response, now: number): Promise<RefreshedTokens> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new TokenEndpointUnavailable(`token endpoint answered HTTP ${response.status} without JSON`);
  }
  if (!response.ok) {
    const error = errorResponseSchema.safeParse(body);
    if (!error.success) throw new TokenEndpointUnavailable(`token endpoint answered HTTP ${response.status}`);
    throw oauthErrorFromResponse(error.data.error, error.data.error_description, response.status);
  }
  const tokens = tokenResponseSchema.safeParse(body);
  if (!tokens.success) throw new TokenEndpointUnavailable("token endpoint sent a malformed token response");
  return {
    access_token: tokens.data.access_token,
    refresh_token: tokens.data.refresh_token,
    expires_at: expiresAt(tokens.data.expires_in, now),
    scope: tokens.data.scope,
  };
}

/**
 * RFC 6749 §6: exchanges a refresh token for a new access token (and, with rotation, a new refresh
 * token — the old one is then spent: presenting it again makes the authorization server revoke the
 * whole grant, RFC 9700 §4.14.2). Callers must therefore never refresh the same token twice in
 * parallel; see `single-flight.ts`.
 */
export async function refreshAccessToken(
  request: RefreshTokenGrantRequest,
  deps: { fetch?: typeof fetch; now: () => number },
): Promise<RefreshedTokens> {
  let response: Response;
  try {
    response = await refreshTokenGrantRequest(request, deps.fetch);
  } catch (cause) {
    throw new TokenEndpointUnavailable("token endpoint unreachable", { cause });
  }
  return processRefreshTokenResponse(response, deps.now());
}
