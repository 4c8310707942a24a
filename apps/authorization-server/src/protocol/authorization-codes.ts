// Issuing authorization codes (RFC 6749 §4.1.2): 256 random bits, stored only as a hash, bound to the
// client, the redirect_uri and the PKCE challenge, valid once and for lifetimes.authorization_code.
import { authSql } from "@oauth-flow-lab/db/auth";
import { AUTH_STATEMENTS } from "@oauth-flow-lab/db/auth-statements";
import { formatScope } from "@oauth-flow-lab/oauth";
import { randomToken, sha256 } from "@/lib/random";
import type { AuthorizationRequest } from "./authorization/authorization-request";
import type { ProtocolDependencies } from "./dependencies";

export async function issueAuthorizationCode(
  deps: Pick<ProtocolDependencies, "db" | "now" | "config">,
  request: AuthorizationRequest,
  userId: string,
  authTime: Date,
): Promise<string> {
  const code = randomToken();
  const now = deps.now().getTime();
  // The grant and its code in one statement: both or neither.
  await authSql(deps.db).query(AUTH_STATEMENTS.insertGrantWithCode, [
    randomToken(16),
    userId,
    request.client_id,
    formatScope(request.scope),
    authTime,
    // RFC 9700 §4.14.2: the grant's absolute lifetime; no refresh token of it works past this.
    new Date(now + deps.config.lifetimes.grant_absolute * 1000),
    sha256(code),
    request.redirect_uri,
    // Null only for an attack lab twin with PKCE optional (client-policy.ts) that sent no challenge.
    request.code_challenge ?? null,
    request.code_challenge_method ?? null,
    request.nonce ?? null,
    new Date(now + deps.config.lifetimes.authorization_code * 1000),
    // created_at: real time, as Prisma's @default(now()) writes it.
    new Date(),
  ]);
  return code;
}
