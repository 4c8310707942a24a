// The UserInfo request (back channel): who the access token belongs to, from the OpenID provider.
import * as oauth from "oauth4webapi";
import { clientMetadata } from "./client";
import { EndpointUnavailable, protocolError } from "./errors";
import { type Http, requestOptions } from "./http";

/**
 * OpenID Connect Core §5.3 (https://openid.net/specs/openid-connect-core-1_0.html#UserInfo):
 * `GET userinfo_endpoint` with `Authorization: Bearer <access token>` (RFC 6750 §2.1), through
 * oauth4webapi. §5.3.2: the `sub` in the answer must equal the ID token's `sub`, or the answer is
 * about someone else and must not be used.
 */
export async function requestUserInfo(
  as: oauth.AuthorizationServer,
  request: { client_id: string; access_token: string; expected_sub: string },
  http: Http = {},
): Promise<oauth.UserInfoResponse> {
  const client = clientMetadata(request.client_id);
  try {
    const response = await oauth.userInfoRequest(as, client, request.access_token, requestOptions(as.issuer, http));
    return await oauth.processUserInfoResponse(as, client, request.expected_sub, response);
  } catch (error) {
    throw await protocolError(error, EndpointUnavailable, "userinfo request failed");
  }
}
