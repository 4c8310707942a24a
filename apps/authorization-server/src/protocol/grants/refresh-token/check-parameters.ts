import { defineCheck, InvalidRequest } from "@oauth-flow-lab/oauth";
import { readParameters } from "../../parameters";
import type { RefreshRequestContext } from "./context";

/** RFC 6749 §6: refresh_token is required, scope optional, each at most once. */
export const refreshParametersCheck = defineCheck<RefreshRequestContext>({
  id: "refresh-parameters",
  rfc: "RFC 6749 §6",
  title: "refresh_token is present, and no parameter is repeated",
  run(ctx) {
    const params = readParameters(ctx.body, ["refresh_token", "scope"] as const);
    if (!params.refresh_token) throw new InvalidRequest("the refresh_token parameter is missing");
    ctx.refresh_token = params.refresh_token;
    ctx.scope = params.scope;
  },
});
