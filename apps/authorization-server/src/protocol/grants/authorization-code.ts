// RFC 6749 §4.1.3: the authorization_code grant, with PKCE (RFC 7636 §4.5, §4.6).
import "server-only";
import { InvalidGrant, InvalidRequest, hasScopes, isValidCodeVerifier, verifyCodeChallenge, type CheckLog } from "@oauth-flow-lab/oauth";
import { db } from "@/lib/db";
import { sha256 } from "@/lib/random";
import type { RegisteredClient } from "../clients";
import { readParameters } from "../parameters";
import { issueRefreshToken, newAccessTokenId, recordAccessToken, signAccessToken, signIdToken, type TokenResponse } from "../tokens";
import { findUser } from "../users";
import { revokeGrant } from "./revoke-grant";

export async function authorizationCodeGrant(client: RegisteredClient, body: URLSearchParams, log: CheckLog): Promise<TokenResponse> {
  const params = readParameters(body, ["code", "redirect_uri", "code_verifier"] as const);
  if (!params.code) throw new InvalidRequest("the code parameter is missing");
  if (!params.redirect_uri) throw new InvalidRequest("the redirect_uri parameter is missing");
  if (!params.code_verifier) throw new InvalidRequest("PKCE is required: the code_verifier parameter is missing");
  if (!isValidCodeVerifier(params.code_verifier)) {
    throw new InvalidRequest("code_verifier must be 43-128 unreserved characters (RFC 7636 §4.1)");
  }
  const { code_verifier, redirect_uri } = params;
  const codeHash = sha256(params.code);
  const accessTokenId = newAccessTokenId();

  // Each check is reported to the log (the teaching trace) as it is decided; the first failure ends it.
  const check = (ok: boolean, check: string, rfc: string, detail?: string) => {
    log.push({ check, ok, rfc, ...(detail === undefined ? {} : { detail }) });
    return ok;
  };
  const result = await db().$transaction(async (tx) => {
    const code = await tx.authorizationCode.findUnique({ where: { codeHash }, include: { grant: true } });
    if (!check(code !== null, "The code was issued by this server", "RFC 6749 §4.1.3") || !code) {
      return { error: new InvalidGrant("the authorization code is invalid") } as const;
    }
    // Single use: the first redemption marks it consumed in this same transaction.
    const consumed = await tx.authorizationCode.updateMany({
      where: { codeHash, consumedAt: null },
      data: { consumedAt: new Date() },
    });
    if (!check(consumed.count === 1, "The code was never used before (now it is)", "RFC 6749 §4.1.2")) {
      return { error: new InvalidGrant("the authorization code was already used"), replayedGrant: code.grantId } as const;
    }
    if (!check(code.clientId === client.id, "The code was issued to this client", "RFC 6749 §4.1.3", code.clientId)) {
      return { error: new InvalidGrant("the authorization code was issued to another client") } as const;
    }
    if (!check(code.expiresAt >= new Date(), "The code has not expired", "RFC 6749 §4.1.2", `expires ${code.expiresAt.toISOString()}`)) {
      return { error: new InvalidGrant("the authorization code has expired") } as const;
    }
    if (!check(code.redirectUri === redirect_uri, "redirect_uri is the one of the authorization request", "RFC 6749 §4.1.3", redirect_uri)) {
      return { error: new InvalidGrant("redirect_uri does not match the authorization request") } as const;
    }
    if (!check(verifyCodeChallenge(code_verifier, code.codeChallenge), "PKCE: BASE64URL(SHA-256(code_verifier)) equals the code_challenge", "RFC 7636 §4.6", code.codeChallenge)) {
      return { error: new InvalidGrant("PKCE verification failed: code_verifier does not match code_challenge") } as const;
    }
    if (!check(code.grant.revokedAt === null, "The grant has not been revoked", "RFC 7009 §2.1")) {
      return { error: new InvalidGrant("the grant has been revoked") } as const;
    }
    await recordAccessToken(tx, accessTokenId, code.grant);
    const refresh_token =
      hasScopes(code.scope, ["offline_access"]) && client.grantTypes.includes("refresh_token")
        ? await issueRefreshToken(tx, code.grant)
        : undefined;
    check(true, `Tokens issued: access token${refresh_token ? ", refresh token (offline_access)" : ""}${hasScopes(code.scope, ["openid"]) ? ", ID token (openid)" : ""}`, "RFC 6749 §5.1", code.scope);
    return { code, refresh_token } as const;
  });

  if ("error" in result) {
    // RFC 6749 §4.1.2: a replayed code revokes every token issued from it.
    if ("replayedGrant" in result && result.replayedGrant) await revokeGrant(result.replayedGrant);
    throw result.error;
  }

  const { code, refresh_token } = result;
  const { access_token, expires_in } = await signAccessToken(accessTokenId, code.grant);
  const response: TokenResponse = { access_token, token_type: "Bearer", expires_in, scope: code.scope };
  if (refresh_token) response.refresh_token = refresh_token;
  if (hasScopes(code.scope, ["openid"])) {
    const user = await findUser(code.grant.userId);
    if (!user) throw new InvalidGrant("the user no longer exists");
    response.id_token = await signIdToken({
      user,
      clientId: client.id,
      scope: code.scope,
      authTime: code.grant.authTime,
      nonce: code.nonce,
      accessToken: access_token,
    });
  }
  return response;
}
