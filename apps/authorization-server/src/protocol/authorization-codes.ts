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
      // RFC 9700 §4.14.2: the grant's absolute lifetime; no refresh token of it works past this.
      expiresAt: new Date(deps.now().getTime() + deps.config.lifetimes.grant_absolute * 1000),
      codes: {
        create: {
          codeHash: sha256(code),
          clientId: request.client_id,
          redirectUri: request.redirect_uri,
          scope,
          // Null only for an attack lab twin with PKCE optional (client-policy.ts) that sent no challenge.
          codeChallenge: request.code_challenge ?? null,
          codeChallengeMethod: request.code_challenge_method ?? null,
          nonce: request.nonce ?? null,
          expiresAt: new Date(deps.now().getTime() + deps.config.lifetimes.authorization_code * 1000),
        },
      },
    },
  });
  return code;
}
