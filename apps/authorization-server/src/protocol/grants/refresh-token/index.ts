// RFC 6749 §6: the refresh_token grant, with rotation and reuse detection (RFC 9700 §4.14.2), as two
// ordered lists of checks, one per file. The rotation checks read the token once; the rotation itself is
// one statement (spend the old token if unused, record its successor and the access token), atomic
// without a transaction; a refusal writes nothing, and a reuse revokes the whole grant after it.
import { authSql } from "@oauth-flow-lab/db/auth";
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

  const ctx: RefreshRotationContext = { deps, sql: authSql(deps.db), client, tokenHash, requested: request.requested, accessTokenId };
  try {
    await runChecks(REFRESH_ROTATION_CHECKS, ctx, log);
  } catch (error) {
    // RFC 9700 §4.14.2: a spent token came back: the grant and every token of it end.
    if (error instanceof OAuthError && ctx.reusedGrant !== undefined) await revokeGrant(deps, ctx.reusedGrant);
    throw error;
  }
  const token = required(ctx.token, "the refresh token");
  const refresh_token = required(ctx.refresh_token, "the new refresh token");
  const scope = required(ctx.scope, "the scope");
  const { access_token, expires_in } = await signAccessToken(deps, accessTokenId, { ...token.grant, scope }, ctx.user);
  return { access_token, token_type: "Bearer", expires_in, scope, refresh_token };
}
