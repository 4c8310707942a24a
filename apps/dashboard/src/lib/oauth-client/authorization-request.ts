// The authorization request (front channel): the values the client prepares, and the URL the browser
// is sent to. Pure, apart from the randomness.

import { CODE_CHALLENGE_METHOD } from "@oauth-flow-lab/oauth";
import * as oauth from "oauth4webapi";

/** What the client keeps on its side until the response comes back. */
export type PreparedAuthorizationRequest = {
  /** RFC 6749 §10.12: binds the response to this browser's request (CSRF). */
  state: string;
  /** OpenID Connect Core §3.1.2.1: binds the ID token to this login (replay). */
  nonce: string;
  /** RFC 7636 §4.1: the PKCE secret, sent only with the code exchange. */
  code_verifier: string;
  /** RFC 7636 §4.2: BASE64URL(SHA-256(code_verifier)), sent in the authorization request. */
  code_challenge: string;
};

/**
 * RFC 7636 §4.1–4.2 (https://www.rfc-editor.org/rfc/rfc7636#section-4.1), RFC 6749 §10.12 and
 * OpenID Connect Core §3.1.2.1: fresh `state`, `nonce` and PKCE pair from oauth4webapi's generators
 * (32 random bytes each, base64url) and its S256 challenge.
 */
export async function prepareAuthorizationRequest(): Promise<PreparedAuthorizationRequest> {
  const code_verifier = oauth.generateRandomCodeVerifier();
  return {
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    code_verifier,
    code_challenge: await oauth.calculatePKCECodeChallenge(code_verifier),
  };
}

export type AuthorizationUrlParameters = {
  client_id: string;
  redirect_uri: string;
  scope: string;
  /** OpenID Connect Core §3.1.2.1; "consent": LabMail issues offline_access only with explicit consent (§11). */
  prompt?: string | undefined;
};

/**
 * RFC 6749 §4.1.1 (https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1) with RFC 7636 §4.3 and
 * OpenID Connect Core §3.1.2.1: the authorization endpoint URL, from the discovered metadata, with
 * `response_type=code`, the client, its redirect URI, the scope, `state`, the S256 `code_challenge`
 * and the `nonce`.
 */
export function buildAuthorizationUrl(
  as: oauth.AuthorizationServer,
  parameters: AuthorizationUrlParameters,
  prepared: PreparedAuthorizationRequest,
): URL {
  if (!as.authorization_endpoint) throw new Error("the authorization server advertises no authorization_endpoint");
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", parameters.client_id);
  url.searchParams.set("redirect_uri", parameters.redirect_uri);
  url.searchParams.set("scope", parameters.scope);
  url.searchParams.set("state", prepared.state);
  url.searchParams.set("code_challenge", prepared.code_challenge);
  url.searchParams.set("code_challenge_method", CODE_CHALLENGE_METHOD);
  url.searchParams.set("nonce", prepared.nonce);
  if (parameters.prompt) url.searchParams.set("prompt", parameters.prompt);
  return url;
}
