import { CODE_CHALLENGE_METHOD, defineCheck, InvalidRequest, isValidCodeChallenge, required } from "@oauth-flow-lab/oauth";
import type { RegisteredClient } from "../client-authentication";
import { isPkceRequired, UNSAFE_TWIN } from "../client-policy";
import type { AuthorizationContext, RawAuthorizationParameters } from "./authorization-request";

/**
 * RFC 7636 §4.3 and RFC 9700 §2.1.1: PKCE is required for every client, with S256 only.
 * `plain` is rejected: it gives no protection if the authorization request leaks.
 */
export function checkPkce(params: RawAuthorizationParameters): { code_challenge: string; code_challenge_method: "S256" } {
  if (!params.code_challenge) throw new InvalidRequest("PKCE is required: the code_challenge parameter is missing");
  const method = params.code_challenge_method ?? "plain";
  if (method !== CODE_CHALLENGE_METHOD) {
    throw new InvalidRequest("code_challenge_method must be S256 (plain is not supported)");
  }
  if (!isValidCodeChallenge(params.code_challenge)) {
    throw new InvalidRequest("code_challenge must be 43 base64url characters (RFC 7636 §4.2)");
  }
  return { code_challenge: params.code_challenge, code_challenge_method: CODE_CHALLENGE_METHOD };
}

/**
 * checkPkce for this client. WARNING: an attack lab twin registered with PKCE optional
 * (client-policy.ts) may omit code_challenge (and code_challenge_method): then null, and its code
 * carries no challenge. A challenge it does send is checked exactly as for everyone.
 */
export function checkClientPkce(
  client: RegisteredClient,
  params: RawAuthorizationParameters,
): { code_challenge: string; code_challenge_method: "S256" } | null {
  if (!isPkceRequired(client) && params.code_challenge === undefined && params.code_challenge_method === undefined) return null;
  return checkPkce(params);
}

export const pkceCheck = defineCheck<AuthorizationContext>({
  id: "check-pkce",
  rfc: "RFC 7636 §4.3",
  title: "PKCE: a code_challenge with method S256",
  run(ctx) {
    const pkce = checkClientPkce(required(ctx.client, "the client"), required(ctx.params, "the parameters"));
    ctx.pkce = pkce;
    return { detail: pkce === null ? `no code_challenge: PKCE OPTIONAL for this client (${UNSAFE_TWIN})` : pkce.code_challenge };
  },
});
