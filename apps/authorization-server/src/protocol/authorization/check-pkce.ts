import { CODE_CHALLENGE_METHOD, InvalidRequest, defineCheck, isValidCodeChallenge, required } from "@oauth-flow-lab/oauth";
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

export const pkceCheck = defineCheck<AuthorizationContext>({
  id: "check-pkce",
  rfc: "RFC 7636 §4.3",
  title: "PKCE: a code_challenge with method S256",
  run(ctx) {
    const pkce = checkPkce(required(ctx.params, "the parameters"));
    ctx.pkce = pkce;
    return { detail: pkce.code_challenge };
  },
});
