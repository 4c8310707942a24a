// OpenID Connect RP-Initiated Logout 1.0 (front channel): the browser is sent to the authorization
// server's end_session_endpoint so that the AS's own session ends too, not only the client's.
import type * as oauth from "oauth4webapi";
import { EndpointUnavailable } from "./errors";

export type EndSessionRequest = {
  client_id: string;
  /** §2: the ID token the AS issued at sign-in: it says whose session to end, without asking. */
  id_token_hint: string | undefined;
  /** §3: registered with the AS (exact match); without it the AS shows its own "signed out" page. */
  post_logout_redirect_uri: string;
  state?: string;
};

/**
 * OpenID Connect RP-Initiated Logout 1.0 §2
 * (https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout): the URL of the logout
 * request, to navigate the browser to. oauth4webapi has no helper for this front-channel step.
 */
export function endSessionUrl(as: oauth.AuthorizationServer, request: EndSessionRequest): URL {
  if (!as.end_session_endpoint) throw new EndpointUnavailable("the authorization server advertises no end_session_endpoint");
  const url = new URL(as.end_session_endpoint);
  if (request.id_token_hint !== undefined) url.searchParams.set("id_token_hint", request.id_token_hint);
  url.searchParams.set("client_id", request.client_id);
  url.searchParams.set("post_logout_redirect_uri", request.post_logout_redirect_uri);
  if (request.state !== undefined) url.searchParams.set("state", request.state);
  return url;
}
