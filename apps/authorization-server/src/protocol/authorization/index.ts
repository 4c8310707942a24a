// The authorization endpoint's checks, in the order they run (RFC 6749 §4.1.1, §4.1.2.1).
// The first two decide whether errors may be redirected at all: until the client and its
// redirect_uri are verified, an error is shown at the AS and never sent anywhere.
import { OAuthError, InvalidRequest } from "@oauth-flow-lab/oauth";
import type { RegisteredClient } from "../clients";
import { readParameters } from "../parameters";
import {
  AUTHORIZATION_PARAMETERS,
  RedirectableError,
  type AuthorizationRequest,
  type RawAuthorizationParameters,
} from "./authorization-request";
import { checkClient } from "./check-client";
import { checkPkce } from "./check-pkce";
import { checkPrompt } from "./check-openid-parameters";
import { checkRedirectUri } from "./check-redirect-uri";
import { checkResponseType } from "./check-response-type";
import { checkScope } from "./check-scope";

export { RedirectableError, type AuthorizationRequest } from "./authorization-request";

export async function validateAuthorizationRequest(
  query: URLSearchParams,
): Promise<{ client: RegisteredClient; request: AuthorizationRequest }> {
  // Repeated client_id or redirect_uri cannot be trusted, so those errors are not redirectable.
  const params: RawAuthorizationParameters = readParameters(query, AUTHORIZATION_PARAMETERS);
  const client = await checkClient(params);
  const redirect_uri = checkRedirectUri(client, params);
  const state = params.state;
  try {
    const response_type = checkResponseType(params);
    if (params.state !== undefined && params.state.length > 1024) throw new InvalidRequest("state is too long");
    const scope = checkScope(client, params);
    const pkce = checkPkce(params);
    const prompt = checkPrompt(params);
    if (params.nonce !== undefined && params.nonce.length > 512) throw new InvalidRequest("nonce is too long");
    if (!client.grantTypes.includes("authorization_code")) {
      throw new InvalidRequest("this client may not use the authorization code flow");
    }
    return {
      client,
      request: {
        client_id: client.id,
        redirect_uri,
        response_type,
        scope,
        state,
        ...pkce,
        nonce: params.nonce,
        prompt,
      },
    };
  } catch (error) {
    if (error instanceof OAuthError) throw new RedirectableError(error, redirect_uri, state);
    throw error;
  }
}

/**
 * Builds the redirect back to the client (RFC 6749 §4.1.2, §4.1.2.1), always with `iss` (RFC 9207).
 * Only ever called with a redirect_uri that checkRedirectUri accepted.
 */
export function authorizationResponseUrl(
  redirect_uri: string,
  issuer: string,
  params: { code: string } | { error: string; error_description: string },
  state: string | undefined,
): URL {
  const url = new URL(redirect_uri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  if (state !== undefined) url.searchParams.set("state", state);
  url.searchParams.set("iss", issuer);
  return url;
}
