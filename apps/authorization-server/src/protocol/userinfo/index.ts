// OpenID Connect Core §5.3: the UserInfo endpoint, protected by an access token this AS issued
// (RFC 6750 §2.1) for an audience it accepts (RFC 9068 §4) carrying the `openid` scope, as an
// ordered list of checks, one per file.
// A revoked token is refused like an expired one.
import { type Check, type CheckLog, required, runChecks } from "@oauth-flow-lab/oauth";
import type { ProtocolDependencies } from "../dependencies";
import { userClaims } from "../tokens";
import { accessTokenSignatureCheck } from "./check-access-token";
import { accessTokenAudienceCheck } from "./check-access-token-audience";
import { accessTokenLiveCheck } from "./check-access-token-live";
import { bearerTokenCheck } from "./check-bearer-token";
import { openidScopeCheck } from "./check-openid-scope";
import { userExistsCheck } from "./check-user";
import type { UserinfoContext } from "./context";

export const USERINFO_CHECKS: readonly Check<UserinfoContext>[] = [
  bearerTokenCheck,
  accessTokenSignatureCheck,
  accessTokenAudienceCheck,
  accessTokenLiveCheck,
  openidScopeCheck,
  userExistsCheck,
];

/** OpenID Connect Core §5.3.2: `sub` and the claims the token's scopes release (§5.4). */
export async function userinfo(deps: ProtocolDependencies, authorization: string | null, log?: CheckLog): Promise<Record<string, unknown>> {
  const ctx: UserinfoContext = { deps, authorization };
  await runChecks(USERINFO_CHECKS, ctx, log);
  const user = required(ctx.user, "the user");
  return { sub: user.id, ...userClaims(user, required(ctx.token, "the access token").scope) };
}
