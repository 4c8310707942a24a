import { defineCheck, InvalidGrant, required } from "@oauth-flow-lab/oauth";
import type { CodeRedemptionContext } from "./context";

/** RFC 6749 §4.1.2: codes are short-lived (lifetimes.authorization_code). */
export const codeExpiryCheck = defineCheck<CodeRedemptionContext>({
  id: "code-not-expired",
  rfc: "RFC 6749 §4.1.2",
  title: "The code has not expired",
  run(ctx) {
    const { expiresAt } = required(ctx.code, "the code");
    if (expiresAt < ctx.deps.now()) throw new InvalidGrant("the authorization code has expired");
    return { detail: `expires ${expiresAt.toISOString()}` };
  },
});
