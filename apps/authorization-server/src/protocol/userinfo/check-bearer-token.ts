import { defineCheck, InvalidToken } from "@oauth-flow-lab/oauth";
import type { UserinfoContext } from "./context";

/** RFC 6750 §2.1: `Authorization: Bearer b64token`. */
export const bearerTokenCheck = defineCheck<UserinfoContext>({
  id: "bearer-token-present",
  rfc: "RFC 6750 §2.1",
  title: "A Bearer access token in the Authorization header",
  run(ctx) {
    const match = ctx.authorization === null ? null : /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(ctx.authorization);
    if (!match?.[1]) throw new InvalidToken("a Bearer access token is required");
    ctx.bearer = match[1];
  },
});
