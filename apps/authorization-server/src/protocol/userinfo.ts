// OpenID Connect Core §5.3: the UserInfo endpoint, protected by an access token this AS issued
// (RFC 6750 §2.1) carrying the `openid` scope.
import "server-only";
import { ACCESS_TOKEN_JWT_TYPE, InsufficientScope, InvalidToken, SIGNING_ALG, hasScopes } from "@oauth-flow-lab/oauth";
import { createLocalJWKSet, jwtVerify } from "jose";
import { env } from "@/env";
import { publicJwks } from "./keys";
import { userClaims } from "./tokens";
import { findUser } from "./users";

export async function userinfo(authorization: string | null): Promise<Record<string, unknown>> {
  const match = authorization === null ? null : /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(authorization);
  if (!match?.[1]) throw new InvalidToken("a Bearer access token is required");
  let payload;
  try {
    ({ payload } = await jwtVerify(match[1], createLocalJWKSet(await publicJwks()), {
      issuer: env().ISSUER,
      algorithms: [SIGNING_ALG],
      typ: ACCESS_TOKEN_JWT_TYPE,
      requiredClaims: ["sub", "scope", "exp"],
    }));
  } catch {
    throw new InvalidToken("the access token is invalid or expired");
  }
  const scope = typeof payload.scope === "string" ? payload.scope : "";
  if (!hasScopes(scope, ["openid"])) throw new InsufficientScope("the openid scope is required", "openid");
  const user = payload.sub ? await findUser(payload.sub) : null;
  if (!user) throw new InvalidToken("the user no longer exists");
  return { sub: user.id, ...userClaims(user, scope) };
}
