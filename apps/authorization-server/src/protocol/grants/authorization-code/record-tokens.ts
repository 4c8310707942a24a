import { AUTH_STATEMENTS } from "@oauth-flow-lab/db/auth-statements";
import { defineCheck, hasScopes, required } from "@oauth-flow-lab/oauth";
import { accessTokenRecord, newRefreshToken } from "../../tokens";
import type { CodeRedemptionContext } from "./context";

/**
 * RFC 6749 §5.1: the tokens are recorded in the transaction that consumed the code, in one statement;
 * a refresh token only for offline_access and a client registered for refresh_token. (They are signed
 * after commit.)
 */
export const recordTokensStep = defineCheck<CodeRedemptionContext>({
  id: "issue-tokens",
  rfc: "RFC 6749 §5.1",
  title: "Tokens issued: an access token, a refresh token for offline_access, an ID token for openid",
  async run(ctx) {
    const { grant, scope } = required(ctx.code, "the code");
    const access = accessTokenRecord(ctx.accessTokenId);
    const refresh =
      hasScopes(scope, ["offline_access"]) && ctx.client.grantTypes.includes("refresh_token")
        ? newRefreshToken(ctx.deps, grant)
        : undefined;
    await ctx.query(AUTH_STATEMENTS.recordTokens, [
      access.jti,
      grant.id,
      grant.clientId,
      access.expiresAt,
      access.lastUsedAt,
      new Date(),
      refresh?.tokenHash ?? null,
      grant.scope,
      refresh?.expiresAt ?? null,
    ]);
    ctx.refresh_token = refresh?.refresh_token;
    const issued = ["access token", ...(ctx.refresh_token ? ["refresh token"] : []), ...(hasScopes(scope, ["openid"]) ? ["ID token"] : [])];
    return { detail: `${issued.join(", ")}; scope ${scope}` };
  },
});
