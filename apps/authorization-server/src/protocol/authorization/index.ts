// The authorization endpoint's checks, in the order they run (RFC 6749 §4.1.1, §4.1.2.1).
// The first two decide whether errors may be redirected at all: until the client and its
// redirect_uri are verified, an error is shown at the AS and never sent anywhere.
import { OAuthError, InvalidRequest, type CheckLog } from "@oauth-flow-lab/oauth";
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

/** Runs one check and reports it to the log (the teaching trace), then returns or rethrows. */
async function run<T>(log: CheckLog, check: string, rfc: string, fn: () => T | Promise<T>, detail?: (value: T) => string): Promise<T> {
  try {
    const value = await fn();
    log.push({ check, ok: true, rfc, ...(detail ? { detail: detail(value) } : {}) });
    return value;
  } catch (error) {
    log.push({ check, ok: false, rfc, detail: error instanceof OAuthError ? `${error.error}: ${error.error_description}` : "error" });
    throw error;
  }
}

const noLog: CheckLog = { push: () => undefined };

export async function validateAuthorizationRequest(
  query: URLSearchParams,
  log: CheckLog = noLog,
): Promise<{ client: RegisteredClient; request: AuthorizationRequest }> {
  // Repeated client_id or redirect_uri cannot be trusted, so those errors are not redirectable.
  const params: RawAuthorizationParameters = await run(log, "No parameter is repeated", "RFC 6749 §3.1", () =>
    readParameters(query, AUTHORIZATION_PARAMETERS),
  );
  const client = await run(log, "client_id is a registered client", "RFC 6749 §2.2", () => checkClient(params), (c) => `${c.id} (${c.name})`);
  const redirect_uri = await run(log, "redirect_uri exactly equals a registered one", "RFC 9700 §4.1.3", () => checkRedirectUri(client, params), (u) => u);
  const state = params.state;
  try {
    const response_type = await run(log, "response_type is code", "RFC 6749 §4.1.1", () => checkResponseType(params));
    if (params.state !== undefined && params.state.length > 1024) throw new InvalidRequest("state is too long");
    const scope = await run(log, "Every scope is known and allowed for this client", "RFC 6749 §3.3", () => checkScope(client, params), (s) => s.join(" "));
    const pkce = await run(log, "PKCE: a code_challenge with method S256", "RFC 7636 §4.3", () => checkPkce(params), (p) => p.code_challenge);
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
