import { defineCheck, InvalidGrant, required } from "@oauth-flow-lab/oauth";
import type { CodeRedemptionContext } from "./context";

/** RFC 6749 §4.1.3: redirect_uri is identical to the one of the authorization request. */
export const codeRedirectUriCheck = defineCheck<CodeRedemptionContext>({
  id: "code-redirect-uri",
  rfc: "RFC 6749 §4.1.3",
  title: "redirect_uri is the one of the authorization request",
  run(ctx) {
    const { redirect_uri } = ctx.params;
    if (required(ctx.code, "the code").redirectUri !== redirect_uri) {
      throw new InvalidGrant("redirect_uri does not match the authorization request");
    }
    return { detail: redirect_uri };
  },
});
