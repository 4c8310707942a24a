import { defineCheck, hasScopes, required } from "@oauth-flow-lab/oauth";
import { issueRefreshToken, recordAccessToken } from "../../tokens";
import type { CodeRedemptionContext } from "./context";

/**
 * RFC 6749 §5.1: the tokens are recorded in the transaction that consumed the code; a refresh token
 * only for offline_access and a client registered for refresh_token. (They are signed after commit.)
 */
export const recordTokensStep = defineCheck<CodeRedemptionContext>({
  id: "issue-tokens",
  rfc: "RFC 6749 §5.1",
  title: "Tokens issued: an access token, a refresh token for offline_access, an ID token for openid",
  async run(ctx) {
    const { grant, scope } = required(ctx.code, "the code");
    await recordAccessToken(ctx.tx, ctx.accessTokenId, grant);
    if (hasScopes(scope, ["offline_access"]) && ctx.client.grantTypes.includes("refresh_token")) {
      ctx.refresh_token = await issueRefreshToken(ctx.deps, ctx.tx, grant);
    }
    const issued = ["access token", ...(ctx.refresh_token ? ["refresh token"] : []), ...(hasScopes(scope, ["openid"]) ? ["ID token"] : [])];
    return { detail: `${issued.join(", ")}; scope ${scope}` };
  },
});
