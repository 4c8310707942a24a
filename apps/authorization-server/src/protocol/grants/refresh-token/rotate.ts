import { AUTH_STATEMENTS } from "@oauth-flow-lab/db/auth-statements";
import { defineCheck, InvalidGrant, required } from "@oauth-flow-lab/oauth";
import { accessTokenRecord, newRefreshToken } from "../../tokens";
import type { RefreshRotationContext } from "./context";

/**
 * RFC 9700 §4.14.2: the old token is marked used atomically (of two concurrent uses, the second is
 * a reuse), and its successor and the new access token are recorded in the same statement, only if
 * it was. The successor carries what remains of the grant's scope, and expires no later than the grant.
 */
export const rotateRefreshTokenStep = defineCheck<RefreshRotationContext>({
  id: "rotate-refresh-token",
  rfc: "RFC 9700 §4.14.2",
  title: "Rotated: the old refresh token is now spent, a new one and an access token issued",
  async run(ctx) {
    const token = required(ctx.token, "the refresh token");
    // Never past the grant's absolute lifetime (RFC 9700 §4.14.2).
    const successor = newRefreshToken(ctx.deps, { expiresAt: token.grant.expiresAt });
    const access = accessTokenRecord(ctx.accessTokenId);
    const spent = await ctx.sql.query<{ grantId: string }>(AUTH_STATEMENTS.rotateRefreshToken, [
      ctx.tokenHash,
      ctx.deps.now(),
      successor.tokenHash,
      ctx.client.id,
      ctx.grantScope ?? token.scope,
      successor.expiresAt,
      access.jti,
      access.expiresAt,
      access.lastUsedAt,
      new Date(),
    ]);
    if (spent.length !== 1) {
      ctx.reusedGrant = token.grantId;
      throw new InvalidGrant("the refresh token was already used");
    }
    ctx.refresh_token = successor.refresh_token;
  },
});
