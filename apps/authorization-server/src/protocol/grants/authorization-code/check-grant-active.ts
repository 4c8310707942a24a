import { defineCheck, InvalidGrant, required } from "@oauth-flow-lab/oauth";
import type { CodeRedemptionContext } from "./context";

/** RFC 7009 §2.1: a revoked grant (e.g. after a replay, or from the user's account) issues nothing. */
export const codeGrantActiveCheck = defineCheck<CodeRedemptionContext>({
  id: "code-grant-active",
  rfc: "RFC 7009 §2.1",
  title: "The grant has not been revoked",
  run(ctx) {
    if (required(ctx.code, "the code").grant.revokedAt !== null) throw new InvalidGrant("the grant has been revoked");
  },
});
