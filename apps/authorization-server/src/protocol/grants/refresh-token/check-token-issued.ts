import { defineCheck, InvalidGrant } from "@oauth-flow-lab/oauth";
import type { RefreshRotationContext } from "./context";

/**
 * RFC 6749 §6: the refresh token is one this server issued (looked up by its hash only), read with its
 * grant and its client's current state in the same query.
 */
export const refreshTokenIssuedCheck = defineCheck<RefreshRotationContext>({
  id: "refresh-token-issued",
  rfc: "RFC 6749 §6",
  title: "The refresh token was issued by this server",
  async run(ctx) {
    const token = await ctx.tx.refreshToken.findUnique({ where: { tokenHash: ctx.tokenHash }, include: { grant: true } });
    if (!token) throw new InvalidGrant("the refresh token is invalid");
    ctx.token = token;
  },
});
