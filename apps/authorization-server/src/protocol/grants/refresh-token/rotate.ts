import { defineCheck, InvalidGrant, required } from "@oauth-flow-lab/oauth";
import { issueRefreshToken, recordAccessToken } from "../../tokens";
import type { RefreshRotationContext } from "./context";

/**
 * RFC 9700 §4.14.2: the old token is marked used atomically (of two concurrent uses, the second is
 * a reuse), and its successor and the new access token are recorded in the same transaction. The
 * successor carries what remains of the grant's scope, and expires no later than the grant.
 */
export const rotateRefreshTokenStep = defineCheck<RefreshRotationContext>({
  id: "rotate-refresh-token",
  rfc: "RFC 9700 §4.14.2",
  title: "Rotated: the old refresh token is now spent, a new one and an access token issued",
  async run(ctx) {
    const token = required(ctx.token, "the refresh token");
    const used = await ctx.tx.refreshToken.updateMany({
      where: { tokenHash: ctx.tokenHash, usedAt: null },
      data: { usedAt: ctx.deps.now() },
    });
    if (used.count !== 1) {
      ctx.reusedGrant = token.grantId;
      throw new InvalidGrant("the refresh token was already used");
    }
    ctx.refresh_token = await issueRefreshToken(ctx.deps, ctx.tx, {
      id: token.grantId,
      clientId: ctx.client.id,
      scope: ctx.grantScope ?? token.scope,
      // Never past the grant's absolute lifetime (RFC 9700 §4.14.2).
      expiresAt: token.grant.expiresAt,
    });
    await recordAccessToken(ctx.tx, ctx.accessTokenId, token.grant);
  },
});
