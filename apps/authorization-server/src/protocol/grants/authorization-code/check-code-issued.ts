import { AUTH_STATEMENTS, type GrantColumns, grantOf, type UserColumns, userOf } from "@oauth-flow-lab/db/auth-statements";
import { defineCheck, InvalidGrant } from "@oauth-flow-lab/oauth";
import { sha256 } from "@/lib/random";
import type { CodeRedemptionContext } from "./context";

type Row = {
  codeHash: string;
  grantId: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  nonce: string | null;
  expiresAt: Date;
  consumedAt: Date | null;
  createdAt: Date;
} & GrantColumns &
  UserColumns;

/**
 * RFC 6749 §4.1.3: the code is one this server issued (looked up by its hash; codes are never stored),
 * read with its grant and the grant's user in the same statement.
 */
export const codeIssuedCheck = defineCheck<CodeRedemptionContext>({
  id: "code-issued",
  rfc: "RFC 6749 §4.1.3",
  title: "The code was issued by this server",
  async run(ctx) {
    const [row] = await ctx.query<Row>(AUTH_STATEMENTS.codeWithGrant, [sha256(ctx.params.code)]);
    if (!row) throw new InvalidGrant("the authorization code is invalid");
    const { codeHash, grantId, clientId, redirectUri, scope, codeChallenge, codeChallengeMethod, nonce, expiresAt, consumedAt, createdAt } =
      row;
    ctx.code = {
      codeHash,
      grantId,
      clientId,
      redirectUri,
      scope,
      codeChallenge,
      codeChallengeMethod,
      nonce,
      expiresAt,
      consumedAt,
      createdAt,
      grant: grantOf(row),
    };
    ctx.user = userOf(row);
  },
});
