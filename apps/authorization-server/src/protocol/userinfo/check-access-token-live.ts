import { defineCheck, InvalidToken, required } from "@oauth-flow-lab/oauth";
import { isAccessTokenLive } from "../own-access-tokens";
import type { UserinfoContext } from "./context";

/** RFC 7009 §2.1: a self-contained token can still have been revoked, alone or with its grant. */
export const accessTokenLiveCheck = defineCheck<UserinfoContext>({
  id: "access-token-not-revoked",
  rfc: "RFC 7009 §2.1",
  title: "Neither the access token nor its grant was revoked",
  async run(ctx) {
    if (!(await isAccessTokenLive(ctx.deps, required(ctx.token, "the access token").jti))) {
      throw new InvalidToken("the access token is invalid, expired or revoked");
    }
  },
});
