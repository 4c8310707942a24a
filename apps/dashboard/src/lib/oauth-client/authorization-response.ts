// The authorization response at the redirect URI (front channel).
import * as oauth from "oauth4webapi";
import { clientMetadata } from "./client";

/**
 * RFC 6749 §4.1.2 (https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2), §10.12 and RFC 9207 §2.4
 * (https://www.rfc-editor.org/rfc/rfc9207#section-2.4), with oauth4webapi's `validateAuthResponse`.
 * In this order: no parameter is repeated; `iss` is present (LabMail advertises
 * `authorization_response_iss_parameter_supported`) and equals the issuer (mix-up attacks); `state`
 * equals the one sent (CSRF); the response is not an error (§4.1.2.1).
 *
 * Returns the parameters to hand to the code exchange. Throws oauth4webapi's
 * `AuthorizationResponseError` for an error response (whose `iss` and `state` already passed), and its
 * `OperationProcessingError` when a check failed (the message names the parameter).
 */
export function validateAuthorizationResponse(
  as: oauth.AuthorizationServer,
  client_id: string,
  parameters: URLSearchParams,
  expectedState: string,
): URLSearchParams {
  return oauth.validateAuthResponse(as, clientMetadata(client_id), parameters, expectedState);
}

export { AuthorizationResponseError, OperationProcessingError } from "oauth4webapi";
