// Access tokens as this AS sees its own: the JWT checks (signature with our keys, iss, typ, exp) and
// the record that says whether it was revoked since (RFC 7009) or its grant ended.
import { ACCESS_TOKEN_JWT_TYPE, SIGNING_ALG } from "@oauth-flow-lab/oauth";
import { createLocalJWKSet, type JWTPayload, jwtVerify } from "jose";
import type { ProtocolDependencies } from "./dependencies";

export type OwnAccessToken = JWTPayload & { jti: string; sub: string; client_id: string; scope: string; exp: number };

/** RFC 9068 §4: verifies a JWT access token issued by this AS; undefined for anything else, expired included. */
export async function verifyOwnAccessToken(
  deps: Pick<ProtocolDependencies, "now" | "config" | "signer">,
  token: string,
): Promise<OwnAccessToken | undefined> {
  if (token.length > 4096) return undefined;
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet(await deps.signer.publicJwks()), {
      issuer: deps.config.issuer,
      algorithms: [SIGNING_ALG],
      typ: ACCESS_TOKEN_JWT_TYPE,
      requiredClaims: ["jti", "sub", "client_id", "scope", "exp"],
      currentDate: deps.now(),
    });
    const { jti, sub, client_id, scope, exp } = payload;
    if (
      typeof jti !== "string" ||
      typeof sub !== "string" ||
      typeof client_id !== "string" ||
      typeof scope !== "string" ||
      typeof exp !== "number"
    ) {
      return undefined;
    }
    return { ...payload, jti, sub, client_id, scope, exp };
  } catch {
    return undefined;
  }
}

/** True while neither the token (RFC 7009) nor its grant (code replay, refresh reuse, revocation) was revoked. */
export async function isAccessTokenLive(deps: Pick<ProtocolDependencies, "db" | "now">, jti: string): Promise<boolean> {
  const record = await deps.db.accessToken.findUnique({ where: { jti }, include: { grant: { select: { revokedAt: true } } } });
  return record !== null && record.revokedAt === null && record.grant.revokedAt === null && record.expiresAt > deps.now();
}

/** RFC 7009 §2.1: ends one access token, only if it was issued to this client. */
export async function revokeAccessToken(deps: Pick<ProtocolDependencies, "db" | "now">, jti: string, clientId: string): Promise<void> {
  await deps.db.accessToken.updateMany({ where: { jti, clientId, revokedAt: null }, data: { revokedAt: deps.now() } });
}
