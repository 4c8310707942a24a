// OpenID Connect Core §5.3: the UserInfo endpoint, protected by an access token this AS issued
// (RFC 6750 §2.1) carrying the `openid` scope. A revoked token is refused like an expired one.
import "server-only";
import { InsufficientScope, InvalidToken, hasScopes } from "@oauth-flow-lab/oauth";
import { isAccessTokenLive, verifyOwnAccessToken } from "./own-access-tokens";
import { userClaims } from "./tokens";
import { findUser } from "./users";

export async function userinfo(authorization: string | null): Promise<Record<string, unknown>> {
  const match = authorization === null ? null : /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(authorization);
  if (!match?.[1]) throw new InvalidToken("a Bearer access token is required");
  const token = await verifyOwnAccessToken(match[1]);
  if (!token || !(await isAccessTokenLive(token.jti))) throw new InvalidToken("the access token is invalid, expired or revoked");
  if (!hasScopes(token.scope, ["openid"])) throw new InsufficientScope("the openid scope is required", "openid");
  const user = await findUser(token.sub);
  if (!user) throw new InvalidToken("the user no longer exists");
  return { sub: user.id, ...userClaims(user, token.scope) };
}
