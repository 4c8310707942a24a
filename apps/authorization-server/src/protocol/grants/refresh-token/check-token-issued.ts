import { AUTH_STATEMENTS, type GrantColumns, grantOf, type UserColumns, userOf } from "@oauth-flow-lab/db/auth-statements";
import { defineCheck, InvalidGrant } from "@oauth-flow-lab/oauth";
import type { RefreshRotationContext } from "./context";

type Row = {
  tokenHash: string;
  grantId: string;
  clientId: string;
  scope: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
} & GrantColumns &
  UserColumns;

/**
 * RFC 6749 §6: the refresh token is one this server issued (looked up by its hash only), read with its
 * grant and the grant's user in the same statement.
 */
export const refreshTokenIssuedCheck = defineCheck<RefreshRotationContext>({
  id: "refresh-token-issued",
  rfc: "RFC 6749 §6",
  title: "The refresh token was issued by this server",
  async run(ctx) {
    const [row] = await ctx.sql.query<Row>(AUTH_STATEMENTS.refreshTokenWithGrant, [ctx.tokenHash]);
    if (!row) throw new InvalidGrant("the refresh token is invalid");
    const { tokenHash, grantId, clientId, scope, expiresAt, usedAt, revokedAt, createdAt } = row;
    ctx.token = { tokenHash, grantId, clientId, scope, expiresAt, usedAt, revokedAt, createdAt, grant: grantOf(row) };
    ctx.user = userOf(row);
  },
});
