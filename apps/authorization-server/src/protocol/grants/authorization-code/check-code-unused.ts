import { AUTH_STATEMENTS } from "@oauth-flow-lab/db/auth-statements";
import { defineCheck, InvalidGrant, required } from "@oauth-flow-lab/oauth";
import type { CodeRedemptionContext } from "./context";

/**
 * RFC 6749 §4.1.2: single use. The first redemption marks the code consumed, atomically and in the
 * transaction that issues the tokens; a second one means it leaked, and its grant is revoked.
 */
export const codeUnusedCheck = defineCheck<CodeRedemptionContext>({
  id: "code-unused",
  rfc: "RFC 6749 §4.1.2",
  title: "The code was never used before (now it is)",
  async run(ctx) {
    const code = required(ctx.code, "the code");
    const consumed = await ctx.query(AUTH_STATEMENTS.consumeCode, [code.codeHash, ctx.deps.now()]);
    if (consumed.length !== 1) {
      ctx.replayedGrant = code.grantId;
      throw new InvalidGrant("the authorization code was already used");
    }
  },
});
