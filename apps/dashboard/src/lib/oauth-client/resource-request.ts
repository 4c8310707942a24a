// A protected resource request: the access token presented to a resource server.
import * as oauth from "oauth4webapi";
import { type Http, requestOptions } from "./http";

/**
 * RFC 6750 §2.1 (https://www.rfc-editor.org/rfc/rfc6750#section-2.1): `GET url` with
 * `Authorization: Bearer <access token>`, through oauth4webapi's `protectedResourceRequest`. A refusal
 * (401 with `WWW-Authenticate: Bearer error="invalid_token"`, §3) is an answer, not a failure: the
 * response is returned either way; only a network failure throws.
 */
export async function requestProtectedResource(access_token: string, url: URL, http: Http = {}): Promise<Response> {
  try {
    return await oauth.protectedResourceRequest(
      access_token,
      "GET",
      url,
      new Headers({ accept: "application/json" }),
      null,
      requestOptions(url.href, http),
    );
  } catch (error) {
    if (error instanceof oauth.WWWAuthenticateChallengeError) return error.response;
    throw error;
  }
}
