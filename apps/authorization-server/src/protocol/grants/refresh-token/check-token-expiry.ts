import { defineCheck, InvalidGrant, required } from "@oauth-flow-lab/oauth";
import type { RefreshRotationContext } from "./context";

/** RFC 6749 §6, RFC 9700 §4.14.2: refresh tokens expire (lifetimes.refresh_token, renewed by rotation). */
export const refreshTokenExpiryCheck = defineCheck<RefreshRotationContext>({
  id: "refresh-token-not-expired",
  rfc: "RFC 9700 §4.14.2",
  title: "The refresh token has not expired",
  run(ctx) {
    const { expiresAt } = required(ctx.token, "the refresh token");
    if (expiresAt < ctx.deps.now()) throw new InvalidGrant("the refresh token has expired");
    return { detail: `expires ${expiresAt.toISOString()}` };
  },
});
