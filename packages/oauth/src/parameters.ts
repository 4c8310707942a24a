// Wire-level parameter names that more than one role needs (the AS reads them, the tests fuzz them).

/**
 * The parameters the authorization endpoint reads (RFC 6749 §4.1.1, RFC 7636 §4.3, OpenID Connect
 * Core §3.1.2.1); any of them repeated is an error (RFC 6749 §3.1), any other is ignored.
 */
export const AUTHORIZATION_PARAMETERS = [
  "response_type",
  "client_id",
  "redirect_uri",
  "scope",
  "state",
  "code_challenge",
  "code_challenge_method",
  "nonce",
  "prompt",
  "max_age",
  "response_mode",
  "request",
  "request_uri",
] as const;

export type AuthorizationParameterName = (typeof AUTHORIZATION_PARAMETERS)[number];
