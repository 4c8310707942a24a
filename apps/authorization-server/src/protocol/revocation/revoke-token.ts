import { defineCheck, InvalidRequest, required } from "@oauth-flow-lab/oauth";
import { sha256 } from "@/lib/random";
import { isPublicClient } from "../client-authentication";
import { revokeGrant } from "../grants/revoke-grant";
import { isAccessTokenLive, revokeAccessToken, verifyOwnAccessToken } from "../own-access-tokens";
import type { RevocationContext } from "./context";

/**
 * RFC 7009 §2.1: a refresh token ends its grant and every token of it; an access token ends itself;
 * only the client's own tokens. An invalid, expired or unknown token changes nothing and is answered
 * 200 (§2.2). The hint only orders lookups; both are tried.
 *
 * Another client's live token is refused (issue 9, fix 5). §2.1: "The authorization server first
 * validates the client credentials (in case of a confidential client) and then verifies whether the
 * token was issued to the client making the revocation request. If this validation fails, the request
 * is refused and the client is informed of the error by the authorization server as described below."
 * Below (§2.2.1) defers to RFC 6749 §5.2, whose `invalid_request` ("… or is otherwise malformed") fits
 * a request naming a token that is not the caller's; `unauthorized_client` is about grant types, and
 * `unsupported_token_type` about token kinds. As node-oidc-provider's default `allowedPolicy`, a public
 * client (method "none", proven by nothing but its client_id) still gets a silent 200: refusing it
 * would let anyone confirm that a guessed token exists.
 */
export const revokeTokenStep = defineCheck<RevocationContext>({
  id: "revoke-token",
  rfc: "RFC 7009 §2.1",
  title: "The token, if it is this client's, is revoked; another client's live token is refused",
  async run(ctx) {
    const token = required(required(ctx.params, "the parameters").token, "the token");
    const client = required(ctx.client, "the client");
    const refuse = () => {
      if (isPublicClient(client)) return { detail: "a token of another client: nothing revoked" };
      throw new InvalidRequest("the token was not issued to this client");
    };
    const refresh = await ctx.deps.db.refreshToken.findUnique({ where: { tokenHash: sha256(token) } });
    if (refresh) {
      if (refresh.clientId !== client.id) {
        const live = refresh.revokedAt === null && refresh.usedAt === null && refresh.expiresAt > ctx.deps.now();
        return live ? refuse() : { detail: "a spent or expired token of another client: nothing revoked" };
      }
      await revokeGrant(ctx.deps, refresh.grantId);
      return { detail: "refresh token: its grant and every token of it revoked" };
    }
    const access = await verifyOwnAccessToken(ctx.deps, token);
    if (access === undefined) return { detail: "not a valid token: nothing revoked" };
    if (access.client_id !== client.id) {
      return (await isAccessTokenLive(ctx.deps, access.jti)) ? refuse() : { detail: "a revoked token of another client: nothing revoked" };
    }
    await revokeAccessToken(ctx.deps, access.jti, client.id);
    return { detail: "access token revoked" };
  },
});
