// RFC 6749 §6: the refresh_token grant, with rotation and reuse detection (RFC 9700 §4.14.2).
import "server-only";
import { InvalidGrant, InvalidRequest, InvalidScope, formatScope, parseScope, type CheckLog } from "@oauth-flow-lab/oauth";
import { db } from "@/lib/db";
import { sha256 } from "@/lib/random";
import type { RegisteredClient } from "../clients";
import { readParameters } from "../parameters";
import { issueRefreshToken, newAccessTokenId, recordAccessToken, signAccessToken, type TokenResponse } from "../tokens";
import { revokeGrant } from "./revoke-grant";

export async function refreshTokenGrant(client: RegisteredClient, body: URLSearchParams, log: CheckLog): Promise<TokenResponse> {
  const params = readParameters(body, ["refresh_token", "scope"] as const);
  if (!params.refresh_token) throw new InvalidRequest("the refresh_token parameter is missing");
  const tokenHash = sha256(params.refresh_token);
  const accessTokenId = newAccessTokenId();
  const requested = params.scope === undefined ? undefined : parseScope(params.scope);
  if (requested === undefined && params.scope !== undefined) throw new InvalidScope("the scope parameter is malformed");

  const result = await db().$transaction(async (tx) => {
    const token = await tx.refreshToken.findUnique({ where: { tokenHash }, include: { grant: true } });
    if (!token) return { error: new InvalidGrant("the refresh token is invalid") } as const;
    // Bound to its client (RFC 6749 §6): another client's token is simply invalid for this one.
    if (token.clientId !== client.id) return { error: new InvalidGrant("the refresh token is invalid") } as const;
    if (token.revokedAt !== null || token.grant.revokedAt !== null) {
      return { error: new InvalidGrant("the refresh token has been revoked") } as const;
    }
    if (token.expiresAt < new Date()) return { error: new InvalidGrant("the refresh token has expired") } as const;
    // Rotation: each refresh token works once. A second use means it leaked: end the whole family.
    const reused = { error: new InvalidGrant("the refresh token was already used"), reusedGrant: token.grantId } as const;
    if (token.usedAt !== null) return reused;
    const granted = token.scope.split(" ");
    // The scope may be narrowed, never widened (RFC 6749 §6).
    if (requested && requested.some((s) => !granted.includes(s))) {
      return { error: new InvalidScope("the requested scope exceeds the original grant") } as const;
    }
    // Marked used atomically: of two concurrent uses, the second is a reuse.
    const used = await tx.refreshToken.updateMany({ where: { tokenHash, usedAt: null }, data: { usedAt: new Date() } });
    if (used.count !== 1) return reused;
    const refresh_token = await issueRefreshToken(tx, { id: token.grantId, clientId: client.id, scope: token.scope });
    await recordAccessToken(tx, accessTokenId, token.grant);
    return { token, refresh_token, scope: requested && requested.length > 0 ? formatScope(requested) : token.scope } as const;
  });

  const failure = "error" in result ? result.error : undefined;
  log.push(
    failure
      ? { check: "Refresh token accepted", ok: false, detail: `${failure.error}: ${failure.error_description}`, rfc: "RFC 6749 §6" }
      : { check: "Refresh token valid, unused, bound to this client: rotated (the old one is now spent)", ok: true, rfc: "RFC 9700 §4.14.2" },
  );
  if ("error" in result) {
    if ("reusedGrant" in result && result.reusedGrant) await revokeGrant(result.reusedGrant);
    throw result.error;
  }
  const { token, refresh_token, scope } = result;
  const { access_token, expires_in } = await signAccessToken(accessTokenId, { ...token.grant, scope });
  return { access_token, token_type: "Bearer", expires_in, scope, refresh_token };
}
