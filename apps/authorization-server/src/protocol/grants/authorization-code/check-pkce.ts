import { defineCheck, InvalidGrant, required, verifyCodeChallenge } from "@oauth-flow-lab/oauth";
import { UNSAFE_TWIN } from "../../client-policy";
import type { CodeRedemptionContext } from "./context";

/**
 * RFC 7636 §4.6: the server recomputes the challenge from code_verifier and compares. A code issued
 * with a challenge is always verified, whoever redeems it. Only a code issued without one (an attack
 * lab twin with PKCE optional, client-policy.ts) skips the comparison; a code_verifier sent for such
 * a code is refused, as RFC 9700 §4.8.2 requires against PKCE downgrade.
 */
export const codePkceCheck = defineCheck<CodeRedemptionContext>({
  id: "code-pkce",
  rfc: "RFC 7636 §4.6",
  title: "PKCE: BASE64URL(SHA-256(code_verifier)) equals the code_challenge",
  run(ctx) {
    const { codeChallenge } = required(ctx.code, "the code");
    const { code_verifier } = ctx.params;
    if (codeChallenge === null) {
      if (code_verifier !== undefined) {
        throw new InvalidGrant("a code_verifier was sent, but the code was issued without a code_challenge (RFC 9700 §4.8.2)");
      }
      return { detail: `SKIPPED: the code was issued without a code_challenge (${UNSAFE_TWIN})` };
    }
    if (code_verifier === undefined) {
      throw new InvalidGrant("PKCE verification failed: the code was issued with a code_challenge, but no code_verifier was sent");
    }
    if (!verifyCodeChallenge(code_verifier, codeChallenge)) {
      throw new InvalidGrant("PKCE verification failed: code_verifier does not match code_challenge");
    }
    return { detail: codeChallenge };
  },
});
