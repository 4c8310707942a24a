import { defineCheck, formatScope, InvalidGrant, InvalidScope, required } from "@oauth-flow-lab/oauth";
import type { RefreshRotationContext } from "./context";

/**
 * RFC 6749 §6 ("MUST NOT include any scope not originally granted") and §3.3 (the AS may fully or
 * partially ignore the scope requested, "based on the authorization server policy"): a refresh follows
 * the client's registration as it is *now*. A scope the client may no longer use is dropped from the new
 * access token and from the successor refresh token (so it stays dropped); the response's `scope` says
 * so (§5.1). Asked for explicitly, it is invalid_scope. Without `offline_access` a client gets no
 * refresh (OpenID Connect Core §11), so a grant that loses it, or loses every scope, is invalid_grant.
 */
export const refreshClientScopesCheck = defineCheck<RefreshRotationContext>({
  id: "refresh-client-scopes",
  rfc: "RFC 6749 §3.3",
  title: "The scope is one the client is still registered for (else narrowed)",
  run(ctx) {
    const token = required(ctx.token, "the refresh token");
    const allowed = new Set(ctx.client.allowedScopes);
    const refused = (ctx.requested ?? []).filter((s) => !allowed.has(s));
    if (refused.length > 0) throw new InvalidScope(`this client may no longer use ${formatScope(refused)}`);
    const granted = token.scope.split(" ");
    const kept = granted.filter((s) => allowed.has(s));
    if (kept.length === 0 || (granted.includes("offline_access") && !allowed.has("offline_access"))) {
      throw new InvalidGrant("the client may no longer use this grant");
    }
    const scope = required(ctx.scope, "the scope")
      .split(" ")
      .filter((s) => allowed.has(s));
    ctx.scope = formatScope(scope);
    ctx.grantScope = formatScope(kept);
    return { detail: kept.length === granted.length ? ctx.scope : `narrowed to ${ctx.scope}` };
  },
});
