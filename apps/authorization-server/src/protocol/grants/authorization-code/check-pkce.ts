import { InvalidGrant, defineCheck, required, verifyCodeChallenge } from "@oauth-flow-lab/oauth";
import type { CodeRedemptionContext } from "./context";

/** RFC 7636 §4.6: the server recomputes the challenge from code_verifier and compares. */
export const codePkceCheck = defineCheck<CodeRedemptionContext>({
  id: "code-pkce",
  rfc: "RFC 7636 §4.6",
  title: "PKCE: BASE64URL(SHA-256(code_verifier)) equals the code_challenge",
  run(ctx) {
    const { codeChallenge } = required(ctx.code, "the code");
    if (!verifyCodeChallenge(ctx.params.code_verifier, codeChallenge)) {
      throw new InvalidGrant("PKCE verification failed: code_verifier does not match code_challenge");
    }
    return { detail: codeChallenge };
  },
});
