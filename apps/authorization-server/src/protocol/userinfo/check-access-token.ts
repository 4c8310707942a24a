import { defineCheck, InvalidToken, required } from "@oauth-flow-lab/oauth";
import { verifyOwnAccessToken } from "../own-access-tokens";
import type { UserinfoContext } from "./context";

/** RFC 9068 §4: signed by this AS with a published key, our issuer, typ at+jwt, not expired. */
export const accessTokenSignatureCheck = defineCheck<UserinfoContext>({
  id: "access-token-valid",
  rfc: "RFC 9068 §4",
  title: "The access token was signed by this server, for this issuer, and has not expired",
  async run(ctx) {
    const token = await verifyOwnAccessToken(ctx.deps, required(ctx.bearer, "the bearer token"));
    if (!token) throw new InvalidToken("the access token is invalid, expired or revoked");
    ctx.token = token;
  },
});
