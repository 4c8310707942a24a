// The code exchange (back channel): the authorization code, the client's credentials and the PKCE
// verifier for tokens; the ID token validated.
import * as oauth from "oauth4webapi";
import { type ConfidentialClient, clientAuthentication, clientMetadata } from "./client";
import { EndpointUnavailable, protocolError } from "./errors";
import { type Http, requestOptions } from "./http";

export type AuthorizationCodeGrant = {
  client: ConfidentialClient;
  /** What `validateAuthorizationResponse` returned (it carries the code). */
  callback: URLSearchParams;
  /** RFC 6749 §4.1.3: the same redirect_uri as in the authorization request. */
  redirect_uri: string;
  /** RFC 7636 §4.5. */
  code_verifier: string;
  /** OpenID Connect Core §3.1.3.7 step 11: the nonce sent in the authorization request. */
  nonce: string;
};

export type CodeExchangeResult = {
  /** RFC 6749 §5.1, as oauth4webapi parsed it (`token_type` lowercased). */
  tokens: oauth.TokenEndpointResponse;
  /** OpenID Connect Core §2: the ID token's claims, after oauth4webapi validated them. */
  id_token_claims: oauth.IDToken | undefined;
};

/**
 * RFC 6749 §4.1.3–4.1.4 (https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3), RFC 7636 §4.5 and
 * OpenID Connect Core §3.1.3.7 (https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation).
 * Sends `grant_type=authorization_code`, the code, redirect_uri and code_verifier, the client
 * authenticating with `client_secret_basic` (§2.3.1), through oauth4webapi's
 * `authorizationCodeGrantRequest`; then `processAuthorizationCodeResponse` checks the token response
 * and the ID token: `alg` as registered, `iss`, `aud` (and `azp`), `exp`, `iat`, and `nonce`. LabMail's
 * ID token comes straight from its token endpoint, so (§3.1.3.7 step 6) the TLS connection stands for
 * its signature: oauth4webapi does not check it.
 *
 * Throws the shared OAuth error class of an error response (§5.2), or `EndpointUnavailable`.
 */
export async function exchangeAuthorizationCode(
  as: oauth.AuthorizationServer,
  grant: AuthorizationCodeGrant,
  http: Http = {},
): Promise<CodeExchangeResult> {
  const client = clientMetadata(grant.client.client_id);
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      clientAuthentication(grant.client),
      grant.callback,
      grant.redirect_uri,
      grant.code_verifier,
      requestOptions(as.issuer, http),
    );
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: grant.nonce, requireIdToken: true });
    return { tokens, id_token_claims: oauth.getValidatedIdTokenClaims(tokens) };
  } catch (error) {
    throw await protocolError(error, EndpointUnavailable, "code exchange failed");
  }
}
