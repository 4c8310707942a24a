import { defineCheck, InvalidGrant } from "@oauth-flow-lab/oauth";
import { sha256 } from "@/lib/random";
import type { CodeRedemptionContext } from "./context";

/** RFC 6749 §4.1.3: the code is one this server issued (looked up by its hash; codes are never stored). */
export const codeIssuedCheck = defineCheck<CodeRedemptionContext>({
  id: "code-issued",
  rfc: "RFC 6749 §4.1.3",
  title: "The code was issued by this server",
  async run(ctx) {
    const code = await ctx.tx.authorizationCode.findUnique({ where: { codeHash: sha256(ctx.params.code) }, include: { grant: true } });
    if (!code) throw new InvalidGrant("the authorization code is invalid");
    ctx.code = code;
  },
});
