// RFC 6749 §4.1.2.1: the error response the authorization server sends to our redirect URI, e.g.
// `?error=access_denied&state=…&iss=…` when the user refuses consent.
import { isKnownErrorCode, singleValue } from "@oauth-flow-lab/oauth";

export type AuthorizationErrorResponse = {
  error: string;
  error_description: string | undefined;
  state: string | undefined;
  /** RFC 9207 §2: the issuer that sent the response (mix-up defence). */
  iss: string | undefined;
};

/**
 * Reads an authorization error response. Returns undefined when the query is not one (no `error`),
 * or is malformed: a repeated parameter (RFC 6749 §3.1) or an error code outside §4.1.2.1 / OpenID
 * Connect Core §3.1.2.6.
 */
export function parseAuthorizationErrorResponse(query: URLSearchParams): AuthorizationErrorResponse | undefined {
  // RFC 6749 §3.1: an empty value is an omitted one.
  const single = (name: string): string | undefined | null => {
    const value = singleValue(query, name);
    return value === "" ? undefined : value;
  };
  const error = single("error");
  const error_description = single("error_description");
  const state = single("state");
  const iss = single("iss");
  if (error === null || error_description === null || state === null || iss === null) return undefined;
  if (error === undefined || !isKnownErrorCode(error)) return undefined;
  return { error, error_description, state, iss };
}

/**
 * RFC 9207 §2.4: our authorization server advertises `authorization_response_iss_parameter_supported`,
 * so a response from it "MUST" carry `iss`, and a response without it, or with another issuer, is
 * rejected (it may come from another AS: a mix-up, RFC 9700 §4.4).
 */
export function isFromIssuer(response: AuthorizationErrorResponse, issuer: string): boolean {
  return response.iss !== undefined && response.iss === issuer;
}
