import { defineCheck, InvalidGrant, required } from "@oauth-flow-lab/oauth";
import type { RefreshRotationContext } from "./context";

/**
 * RFC 6749 §6: bound to the client it was issued to. Another client's token is simply invalid for
 * this one (the same answer as an unknown token: nothing is revealed about it).
 */
export const refreshTokenClientCheck = defineCheck<RefreshRotationContext>({
  id: "refresh-token-client",
  rfc: "RFC 6749 §6",
  title: "The refresh token was issued to this client",
  run(ctx) {
    if (required(ctx.token, "the refresh token").clientId !== ctx.client.id) throw new InvalidGrant("the refresh token is invalid");
  },
});
