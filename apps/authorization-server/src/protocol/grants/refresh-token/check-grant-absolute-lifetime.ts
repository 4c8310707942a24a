import { defineCheck, InvalidGrant, required } from "@oauth-flow-lab/oauth";
import type { RefreshRotationContext } from "./context";

/**
 * RFC 9700 §4.14.2: a grant has an absolute lifetime (lifetimes.grant_absolute from its authorization),
 * beyond the idle one that each rotation renews. Past it, no refresh: the user authorizes again.
 */
export const refreshGrantAbsoluteLifetimeCheck = defineCheck<RefreshRotationContext>({
  id: "refresh-grant-not-expired",
  rfc: "RFC 9700 §4.14.2",
  title: "The grant is within its absolute lifetime",
  run(ctx) {
    const { expiresAt } = required(ctx.token, "the refresh token").grant;
    if (expiresAt <= ctx.deps.now()) throw new InvalidGrant("the grant has reached its absolute lifetime");
    return { detail: `grant ends ${expiresAt.toISOString()}` };
  },
});
