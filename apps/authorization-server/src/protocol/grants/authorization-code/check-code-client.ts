import { defineCheck, InvalidGrant, required } from "@oauth-flow-lab/oauth";
import type { CodeRedemptionContext } from "./context";

/** RFC 6749 §4.1.3: "ensure that the authorization code was issued to the authenticated confidential client". */
export const codeClientCheck = defineCheck<CodeRedemptionContext>({
  id: "code-client",
  rfc: "RFC 6749 §4.1.3",
  title: "The code was issued to this client",
  run(ctx) {
    const { clientId } = required(ctx.code, "the code");
    if (clientId !== ctx.client.id) throw new InvalidGrant("the authorization code was issued to another client");
    return { detail: clientId };
  },
});
