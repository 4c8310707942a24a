import { defineCheck, InvalidRequest, isValidCodeVerifier, required } from "@oauth-flow-lab/oauth";
import { UNSAFE_TWIN } from "../../client-policy";
import type { CodeRequestContext } from "./context";

/** RFC 7636 §4.1: code-verifier = 43*128unreserved. A malformed one is a bad request, not a bad grant. */
export const codeVerifierSyntaxCheck = defineCheck<CodeRequestContext>({
  id: "code-verifier-syntax",
  rfc: "RFC 7636 §4.1",
  title: "code_verifier is 43 to 128 unreserved characters",
  run(ctx) {
    const { code_verifier } = required(ctx.params, "the parameters");
    // Absent only for an attack lab twin with PKCE optional (code-exchange-parameters refused it otherwise).
    if (code_verifier === undefined) return { detail: `skipped: no code_verifier (${UNSAFE_TWIN})` };
    if (!isValidCodeVerifier(code_verifier)) {
      throw new InvalidRequest("code_verifier must be 43-128 unreserved characters (RFC 7636 §4.1)");
    }
  },
});
