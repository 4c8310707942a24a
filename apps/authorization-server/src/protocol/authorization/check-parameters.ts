import { defineCheck } from "@oauth-flow-lab/oauth";
import { readParameters } from "../parameters";
import { AUTHORIZATION_PARAMETERS, type AuthorizationContext } from "./authorization-request";

/**
 * RFC 6749 §3.1: no parameter may be repeated. A repeated client_id or redirect_uri cannot be
 * trusted, so this error is never redirected.
 */
export const parametersCheck = defineCheck<AuthorizationContext>({
  id: "check-parameters",
  rfc: "RFC 6749 §3.1",
  title: "No parameter is repeated",
  run(ctx) {
    ctx.params = readParameters(ctx.query, AUTHORIZATION_PARAMETERS);
  },
});
