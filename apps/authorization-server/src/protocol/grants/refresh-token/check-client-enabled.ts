import { defineCheck, required, UnauthorizedClient } from "@oauth-flow-lab/oauth";
import type { RefreshRotationContext } from "./context";

/**
 * RFC 6749 §5.2 (unauthorized_client: "not authorized to use this authorization grant type"): a disabled
 * client (`clients.disabled_at`) gets no new tokens from its refresh tokens. Read in the token's own
 * query, so disabling takes effect at the next refresh.
 */
export const refreshClientEnabledCheck = defineCheck<RefreshRotationContext>({
  id: "refresh-client-enabled",
  rfc: "RFC 6749 §5.2",
  title: "The client is not disabled",
  run(ctx) {
    const { disabledAt } = required(ctx.token, "the refresh token").grant.client;
    if (disabledAt !== null) throw new UnauthorizedClient("this client is disabled");
  },
});
