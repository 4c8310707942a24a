import { defineCheck, required } from "@oauth-flow-lab/oauth";
import { isAccessTokenLive, verifyOwnAccessToken } from "../own-access-tokens";
import type { IntrospectionContext } from "./context";

/**
 * RFC 7662 §2.2: active or not. Only access tokens are introspected (refresh tokens are for the client
 * alone, never a resource server). An inactive answer is not a refusal, and never says why.
 */
export const tokenStateStep = defineCheck<IntrospectionContext>({
  id: "token-state",
  rfc: "RFC 7662 §2.2",
  title: "The access token is active: issued here, unexpired, not revoked",
  async run(ctx) {
    const token = await verifyOwnAccessToken(ctx.deps, required(required(ctx.params, "the parameters").token, "the token"));
    if (token && (await isAccessTokenLive(ctx.deps, token.jti))) ctx.active = token;
    return { detail: ctx.active ? "active" : "inactive" };
  },
});
