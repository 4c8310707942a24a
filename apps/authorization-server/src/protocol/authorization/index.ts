// The authorization endpoint's checks, in the order they run (RFC 6749 §4.1.1, §4.1.2.1), one per
// file, executed by the shared check runner. The first three decide whether errors may be redirected
// at all: until the client and its redirect_uri are verified, an error is shown at the AS and never
// sent anywhere; after that, every refusal goes back to the verified redirect_uri.
import { type Check, type CheckLog, OAuthError, required, runChecks } from "@oauth-flow-lab/oauth";
import { clientEnabledCheck, type RegisteredClient } from "../client-authentication";
import { type AuthorizationContext, type AuthorizationRequest, RedirectableError } from "./authorization-request";
import { clientCheck } from "./check-client";
import { clientGrantTypeCheck } from "./check-client-grant-type";
import { maxAgeCheck, nonceCheck, promptCheck } from "./check-openid-parameters";
import { parametersCheck } from "./check-parameters";
import { pkceCheck } from "./check-pkce";
import { redirectUriCheck } from "./check-redirect-uri";
import { responseTypeCheck } from "./check-response-type";
import { scopeCheck } from "./check-scope";
import { stateCheck } from "./check-state";

export { type AuthorizationRequest, RedirectableError } from "./authorization-request";

export const AUTHORIZATION_CHECKS: readonly Check<AuthorizationContext>[] = [
  // Not redirectable: the client and its redirect_uri are not verified yet.
  parametersCheck,
  clientCheck,
  redirectUriCheck,
  // Redirectable with state and iss (RFC 9207).
  clientEnabledCheck,
  responseTypeCheck,
  stateCheck,
  scopeCheck,
  pkceCheck,
  promptCheck,
  nonceCheck,
  maxAgeCheck,
  clientGrantTypeCheck,
];

/** RFC 6749 §4.1.1: validates an authorization request, reporting each check to `log`. */
export async function validateAuthorizationRequest(
  db: AuthorizationContext["db"],
  query: URLSearchParams,
  log?: CheckLog,
): Promise<{ client: RegisteredClient; request: AuthorizationRequest }> {
  const ctx: AuthorizationContext = { db, query };
  try {
    await runChecks(AUTHORIZATION_CHECKS, ctx, log);
  } catch (error) {
    if (error instanceof OAuthError && ctx.redirect_uri !== undefined) {
      throw new RedirectableError(error, ctx.redirect_uri, ctx.params?.state);
    }
    throw error;
  }
  const params = required(ctx.params, "the parameters");
  const client = required(ctx.client, "the client");
  const pkce = required(ctx.pkce, "the code_challenge");
  return {
    client,
    request: {
      client_id: client.id,
      redirect_uri: required(ctx.redirect_uri, "the redirect_uri"),
      response_type: required(ctx.response_type, "the response_type"),
      scope: required(ctx.scope, "the scope"),
      state: params.state,
      code_challenge: pkce?.code_challenge,
      code_challenge_method: pkce?.code_challenge_method,
      nonce: params.nonce,
      prompt: required(ctx.prompt, "the prompt"),
      max_age: required(ctx.max_age, "the max_age") ?? undefined,
    },
  };
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
