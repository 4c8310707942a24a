import { defineCheck, InvalidRequest } from "@oauth-flow-lab/oauth";
import { isPkceRequired, UNSAFE_TWIN } from "../../client-policy";
import { readParameters } from "../../parameters";
import type { CodeRequestContext } from "./context";

/**
 * RFC 6749 §4.1.3 and RFC 7636 §4.5: code, redirect_uri and code_verifier, each once. Only an attack
 * lab twin with PKCE optional (client-policy.ts) may leave out code_verifier; whether its code then
 * needs one is decided by the code itself (code-pkce).
 */
export const codeParametersCheck = defineCheck<CodeRequestContext>({
  id: "code-exchange-parameters",
  rfc: "RFC 6749 §4.1.3",
  title: "code, redirect_uri and code_verifier are present, each once",
  run(ctx) {
    const params = readParameters(ctx.body, ["code", "redirect_uri", "code_verifier"] as const);
    if (!params.code) throw new InvalidRequest("the code parameter is missing");
    if (!params.redirect_uri) throw new InvalidRequest("the redirect_uri parameter is missing");
    if (!params.code_verifier && isPkceRequired(ctx.client)) {
      throw new InvalidRequest("PKCE is required: the code_verifier parameter is missing");
    }
    ctx.params = { code: params.code, redirect_uri: params.redirect_uri, code_verifier: params.code_verifier || undefined };
    if (ctx.params.code_verifier === undefined) return { detail: `no code_verifier: PKCE OPTIONAL for this client (${UNSAFE_TWIN})` };
  },
});
