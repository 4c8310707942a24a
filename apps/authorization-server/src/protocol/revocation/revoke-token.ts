import { defineCheck, required } from "@oauth-flow-lab/oauth";
import { sha256 } from "@/lib/random";
import { revokeGrant } from "../grants/revoke-grant";
import { revokeAccessToken, verifyOwnAccessToken } from "../own-access-tokens";
import type { RevocationContext } from "./context";

/**
 * RFC 7009 §2.1: a refresh token ends its grant and every token of it; an access token ends itself;
 * only the client's own tokens. Anything else changes nothing and is still answered 200 (§2.2), so
 * this step never refuses: its detail says what happened. The hint only orders lookups; both are tried.
 */
export const revokeTokenStep = defineCheck<RevocationContext>({
  id: "revoke-token",
  rfc: "RFC 7009 §2.1",
  title: "The token, if it is this client's, is revoked (the answer is 200 either way)",
  async run(ctx) {
    const token = required(required(ctx.params, "the parameters").token, "the token");
    const client = required(ctx.client, "the client");
    const refresh = await ctx.deps.db.refreshToken.findUnique({ where: { tokenHash: sha256(token) } });
    if (refresh) {
      if (refresh.clientId !== client.id) return { detail: "a refresh token of another client: nothing revoked" };
      await revokeGrant(ctx.deps, refresh.grantId);
      return { detail: "refresh token: its grant and every token of it revoked" };
    }
    const access = await verifyOwnAccessToken(ctx.deps, token);
    if (access === undefined || access.client_id !== client.id) return { detail: "not a token of this client: nothing revoked" };
    await revokeAccessToken(ctx.deps, access.jti, client.id);
    return { detail: "access token revoked" };
  },
});
