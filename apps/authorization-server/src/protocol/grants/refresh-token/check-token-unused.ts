import { defineCheck, InvalidGrant, required } from "@oauth-flow-lab/oauth";
import type { RefreshRotationContext } from "./context";

/**
 * RFC 9700 §4.14.2: rotation. Each refresh token works once; a second use means it leaked (to the
 * attacker or from the client), so the whole family ends: the grant and every token of it.
 */
export const refreshTokenUnusedCheck = defineCheck<RefreshRotationContext>({
  id: "refresh-token-unused",
  rfc: "RFC 9700 §4.14.2",
  title: "The refresh token was never used before (a reuse ends the whole grant)",
  run(ctx) {
    const token = required(ctx.token, "the refresh token");
    if (token.usedAt !== null) {
      ctx.reusedGrant = token.grantId;
      throw new InvalidGrant("the refresh token was already used");
    }
  },
});
