import { defineCheck, InvalidGrant, required } from "@oauth-flow-lab/oauth";
import type { RefreshRotationContext } from "./context";

/** RFC 7009 §2.1: neither the token nor its grant was revoked (revocation, reuse, code replay). */
export const refreshTokenNotRevokedCheck = defineCheck<RefreshRotationContext>({
  id: "refresh-token-not-revoked",
  rfc: "RFC 7009 §2.1",
  title: "Neither the refresh token nor its grant was revoked",
  run(ctx) {
    const token = required(ctx.token, "the refresh token");
    if (token.revokedAt !== null || token.grant.revokedAt !== null) throw new InvalidGrant("the refresh token has been revoked");
  },
});
