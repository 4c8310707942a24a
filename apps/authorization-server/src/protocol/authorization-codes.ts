// Issuing authorization codes (RFC 6749 §4.1.2): 256 random bits, stored only as a hash, bound to the
// client, the redirect_uri and the PKCE challenge, valid once and for AUTHORIZATION_CODE_TTL seconds.
import "server-only";
import { formatScope } from "@oauth-flow-lab/oauth";
import { db } from "@/lib/db";
import { randomToken, sha256 } from "@/lib/random";
import { env } from "@/env";
import type { AuthorizationRequest } from "./authorization";

export async function issueAuthorizationCode(
  request: AuthorizationRequest,
  userId: string,
  authTime: Date,
): Promise<string> {
  const code = randomToken();
  const scope = formatScope(request.scope);
  await db().grant.create({
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
          expiresAt: new Date(Date.now() + env().AUTHORIZATION_CODE_TTL * 1000),
        },
      },
    },
  });
  return code;
}
