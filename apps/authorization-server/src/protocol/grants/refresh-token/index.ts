// RFC 6749 §6: the refresh_token grant, with rotation and reuse detection (RFC 9700 §4.14.2), as two
// ordered lists of checks, one per file. The rotation checks run in one transaction; a refusal there
// still commits (nothing was written but the spent mark of a winning concurrent use), and a reuse
// revokes the whole grant after it.
import { type Check, type CheckLog, OAuthError, required, runChecks } from "@oauth-flow-lab/oauth";
import { sha256 } from "@/lib/random";
import type { RegisteredClient } from "../../client-authentication";
import type { ProtocolDependencies } from "../../dependencies";
import { newAccessTokenId, signAccessToken, type TokenResponse } from "../../tokens";
import { revokeGrant } from "../revoke-grant";
import { refreshClientScopesCheck } from "./check-client-scopes";
import { refreshGrantAbsoluteLifetimeCheck } from "./check-grant-absolute-lifetime";
import { refreshParametersCheck } from "./check-parameters";
import { refreshScopeNotWidenedCheck } from "./check-scope-not-widened";
import { refreshScopeSyntaxCheck } from "./check-scope-syntax";
import { refreshTokenClientCheck } from "./check-token-client";
import { refreshTokenExpiryCheck } from "./check-token-expiry";
import { refreshTokenIssuedCheck } from "./check-token-issued";
import { refreshTokenNotRevokedCheck } from "./check-token-not-revoked";
import { refreshTokenUnusedCheck } from "./check-token-unused";
import type { RefreshRequestContext, RefreshRotationContext } from "./context";
import { rotateRefreshTokenStep } from "./rotate";

export const REFRESH_REQUEST_CHECKS: readonly Check<RefreshRequestContext>[] = [refreshParametersCheck, refreshScopeSyntaxCheck];

export const REFRESH_ROTATION_CHECKS: readonly Check<RefreshRotationContext>[] = [
  refreshTokenIssuedCheck,
  refreshTokenClientCheck,
  refreshTokenNotRevokedCheck,
  refreshTokenExpiryCheck,
  refreshGrantAbsoluteLifetimeCheck,
  refreshTokenUnusedCheck,
  refreshScopeNotWidenedCheck,
  refreshClientScopesCheck,
  rotateRefreshTokenStep,
];

/** RFC 6749 §6: a new access token (and a new refresh token) for a refresh token. `client` is authenticated. */
export async function refreshTokenGrant(
  deps: ProtocolDependencies,
  client: RegisteredClient,
  body: URLSearchParams,
  log?: CheckLog,
): Promise<TokenResponse> {
  const request: RefreshRequestContext = { client, body };
  await runChecks(REFRESH_REQUEST_CHECKS, request, log);
  const tokenHash = sha256(required(request.refresh_token, "the refresh token"));
  const accessTokenId = newAccessTokenId(deps);

  const result = await deps.db.$transaction(async (tx) => {
    const ctx: RefreshRotationContext = { deps, tx, client, tokenHash, requested: request.requested, accessTokenId };
    try {
      await runChecks(REFRESH_ROTATION_CHECKS, ctx, log);
    } catch (error) {
      if (error instanceof OAuthError) return { error, reusedGrant: ctx.reusedGrant } as const;
      throw error;
    }
    return {
      token: required(ctx.token, "the refresh token"),
      refresh_token: required(ctx.refresh_token, "the new refresh token"),
      scope: required(ctx.scope, "the scope"),
    } as const;
  });

  if ("error" in result) {
    if (result.reusedGrant !== undefined) await revokeGrant(deps, result.reusedGrant);
    throw result.error;
  }
  const { token, refresh_token, scope } = result;
  const { access_token, expires_in } = await signAccessToken(deps, accessTokenId, { ...token.grant, scope });
  return { access_token, token_type: "Bearer", expires_in, scope, refresh_token };
}
