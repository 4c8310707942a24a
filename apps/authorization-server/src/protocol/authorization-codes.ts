// Issuing authorization codes (RFC 6749 §4.1.2): 256 random bits, stored only as a hash, bound to the
// client, the redirect_uri and the PKCE challenge, valid once and for lifetimes.authorization_code.
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
  const scope = formatScope(request.scope);
  await deps.db.grant.create({
    data: {
      id: randomToken(16),
      userId,
      clientId: request.client_id,
      scope,
      authTime,
      codes: {
        create: {
          codeHash: sha256(code),
          clientId: request.client_id,
          redirectUri: request.redirect_uri,
          scope,
          codeChallenge: request.code_challenge,
          codeChallengeMethod: request.code_challenge_method,
          nonce: request.nonce ?? null,
          expiresAt: new Date(deps.now().getTime() + deps.config.lifetimes.authorization_code * 1000),
        },
      },
    },
  });
  return code;
}
