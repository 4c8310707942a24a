// RFC 6749 §4.1.3: the authorization_code grant, with PKCE (RFC 7636 §4.5, §4.6), as two ordered
// lists of checks, one per file. The request checks need nothing but the request; the redemption
// checks run in one transaction that consumes the code and records the tokens, so that a code can
// never be redeemed twice. Everything a stranger could get wrong (the client, the redirect_uri, the
// PKCE verifier) is compared BEFORE the code is spent, so that whoever merely saw a code (projected in
// class, leaked in a log) can neither burn it nor, by replaying it, revoke the victim's tokens.
import { authSql } from "@oauth-flow-lab/db/auth";
import { type Check, type CheckLog, hasScopes, InvalidGrant, OAuthError, required, runChecks } from "@oauth-flow-lab/oauth";
import type { RegisteredClient } from "../../client-authentication";
import type { ProtocolDependencies } from "../../dependencies";
import { newAccessTokenId, signAccessToken, signIdToken, type TokenResponse } from "../../tokens";
import { revokeGrant } from "../revoke-grant";
import { codeClientCheck } from "./check-code-client";
import { codeExpiryCheck } from "./check-code-expiry";
import { codeIssuedCheck } from "./check-code-issued";
import { codeUnusedCheck } from "./check-code-unused";
import { codeVerifierSyntaxCheck } from "./check-code-verifier-syntax";
import { codeGrantActiveCheck } from "./check-grant-active";
import { codeParametersCheck } from "./check-parameters";
import { codePkceCheck } from "./check-pkce";
import { codeRedirectUriCheck } from "./check-redirect-uri";
import type { CodeRedemptionContext, CodeRequestContext } from "./context";
import { recordTokensStep } from "./record-tokens";

export const CODE_REQUEST_CHECKS: readonly Check<CodeRequestContext>[] = [codeParametersCheck, codeVerifierSyntaxCheck];

export const CODE_REDEMPTION_CHECKS: readonly Check<CodeRedemptionContext>[] = [
  codeIssuedCheck,
  // RFC 6749 §4.1.3 and RFC 9700 §4.5: only the code's own client, with the redirect_uri and the
  // verifier of its authorization request, gets as far as spending it (or, replaying it, revoking it).
  codeClientCheck,
  codeRedirectUriCheck,
  codePkceCheck,
  // Spent here, atomically; a second use is a replay and revokes the grant (RFC 6749 §4.1.2). Before
  // the expiry check, so that a replay after expiry still revokes (spent codes are kept a while).
  codeUnusedCheck,
  codeExpiryCheck,
  codeGrantActiveCheck,
  recordTokensStep,
];

/** RFC 6749 §4.1.3, §5.1: exchanges a code for tokens. `client` is already authenticated. */
export async function authorizationCodeGrant(
  deps: ProtocolDependencies,
  client: RegisteredClient,
  body: URLSearchParams,
  log?: CheckLog,
): Promise<TokenResponse> {
  const request: CodeRequestContext = { client, body };
  await runChecks(CODE_REQUEST_CHECKS, request, log);
  const params = required(request.params, "the parameters");
  const accessTokenId = newAccessTokenId(deps);

  const result = await authSql(deps.db).transaction(async (query) => {
    const ctx: CodeRedemptionContext = { deps, query, client, params, accessTokenId };
    try {
      await runChecks(CODE_REDEMPTION_CHECKS, ctx, log);
    } catch (error) {
      // Returned, not thrown, so that the transaction commits what the checks wrote (the consumption
      // of an expired code, or of one whose grant was revoked).
      if (error instanceof OAuthError) return { error, replayedGrant: ctx.replayedGrant } as const;
      throw error;
    }
    return { code: required(ctx.code, "the code"), user: ctx.user ?? null, refresh_token: ctx.refresh_token } as const;
  });

  if ("error" in result) {
    // RFC 6749 §4.1.2: a replayed code revokes every token issued from it.
    if (result.replayedGrant !== undefined) await revokeGrant(deps, result.replayedGrant);
    throw result.error;
  }

  const { code, user, refresh_token } = result;
  const { access_token, expires_in } = await signAccessToken(deps, accessTokenId, code.grant, user);
  const response: TokenResponse = { access_token, token_type: "Bearer", expires_in, scope: code.scope };
  if (refresh_token) response.refresh_token = refresh_token;
  if (hasScopes(code.scope, ["openid"])) {
    if (!user) throw new InvalidGrant("the user no longer exists");
    response.id_token = await signIdToken(deps, {
      user,
      clientId: client.id,
      scope: code.scope,
      authTime: code.grant.authTime,
      nonce: code.nonce,
      accessToken: access_token,
    });
  }
  return response;
}
