import { defineCheck, hasScopes, InsufficientScope, required } from "@oauth-flow-lab/oauth";
import type { UserinfoContext } from "./context";

/** OpenID Connect Core §5.3: the UserInfo endpoint serves tokens granted the openid scope. */
export const openidScopeCheck = defineCheck<UserinfoContext>({
  id: "openid-scope",
  rfc: "OpenID Connect Core §5.3",
  title: "The access token carries the openid scope",
  run(ctx) {
    const { scope } = required(ctx.token, "the access token");
    if (!hasScopes(scope, ["openid"])) throw new InsufficientScope("the openid scope is required", "openid");
    return { detail: scope };
  },
});
