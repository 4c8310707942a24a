import { defineCheck } from "@oauth-flow-lab/oauth";
import { readParameters } from "../parameters";
import { END_SESSION_PARAMETERS, type EndSessionContext } from "./context";

/** RP-Initiated Logout 1.0 §2 with RFC 6749 §3.1: no parameter is repeated. */
export const endSessionParametersCheck = defineCheck<EndSessionContext>({
  id: "single-valued-parameters",
  rfc: "RP-Initiated Logout 1.0 §2",
  title: "No parameter is repeated",
  run(ctx) {
    ctx.params = readParameters(ctx.query, END_SESSION_PARAMETERS);
  },
});
