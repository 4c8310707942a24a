// Token revocation (back channel): the client tells the authorization server it is done.
import * as oauth from "oauth4webapi";
import { type ConfidentialClient, clientAuthentication, clientMetadata } from "./client";
import { EndpointUnavailable, protocolError } from "./errors";
import { type Http, requestOptions } from "./http";

export type Revocation = {
  client: ConfidentialClient;
  token: string;
  /** RFC 7009 §2.1: a hint that helps the server find the token. */
  token_type_hint: "refresh_token" | "access_token";
};

/**
 * RFC 7009 §2.1 (https://www.rfc-editor.org/rfc/rfc7009#section-2.1): POSTs `token` and
 * `token_type_hint` to the revocation endpoint, the client authenticating with `client_secret_basic`,
 * through oauth4webapi's `revocationRequest` / `processRevocationResponse`. §2.2: HTTP 200 means
 * revoked (or already invalid). Revoking a refresh token also ends the grant's access tokens where the
 * server supports it (LabMail does).
 *
 * Throws the shared OAuth error class (§2.2.1), or `EndpointUnavailable`.
 */
export async function revokeToken(as: oauth.AuthorizationServer, revocation: Revocation, http: Http = {}): Promise<void> {
  if (!as.revocation_endpoint) throw new EndpointUnavailable("the authorization server advertises no revocation_endpoint");
  try {
    const response = await oauth.revocationRequest(
      as,
      clientMetadata(revocation.client.client_id),
      clientAuthentication(revocation.client),
      revocation.token,
      {
        additionalParameters: { token_type_hint: revocation.token_type_hint },
        ...requestOptions(as.issuer, { timeoutMs: 5_000, ...http }),
      },
    );
    await oauth.processRevocationResponse(response);
  } catch (error) {
    throw await protocolError(error, EndpointUnavailable, "revocation failed");
  }
}
