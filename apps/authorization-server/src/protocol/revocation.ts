// RFC 7009: token revocation. Revoking a refresh token ends its grant, and with it every access token
// issued under it; revoking an access token ends that token. The answer is 200 whether or not the
// token was valid (§2.2), so the endpoint cannot be used to probe tokens, and a client can only
// revoke its own tokens (§2.1).
import "server-only";
import { InvalidRequest, UnsupportedTokenType, type CheckLog } from "@oauth-flow-lab/oauth";
import { db } from "@/lib/db";
import { sha256 } from "@/lib/random";
import { authenticateLoggedClient } from "./clients";
import { revokeGrant } from "./grants/revoke-grant";
import { revokeAccessToken, verifyOwnAccessToken } from "./own-access-tokens";
import { readFormBody, readParameters } from "./parameters";

const TOKEN_TYPE_HINTS = ["refresh_token", "access_token"];

export async function revokeToken(request: Request, log: CheckLog = { push: () => undefined }): Promise<void> {
  const body = await readFormBody(request);
  const params = readParameters(body, ["token", "token_type_hint", "client_id", "client_secret"] as const);
  const client = await authenticateLoggedClient(request, body, log);
  if (!params.token) throw new InvalidRequest("the token parameter is missing");
  if (params.token_type_hint !== undefined && !TOKEN_TYPE_HINTS.includes(params.token_type_hint)) {
    throw new UnsupportedTokenType(`token_type_hint "${params.token_type_hint}" is not supported`);
  }
  // The hint only orders the lookups (§2.1); both kinds are always tried.
  const refresh = await db().refreshToken.findUnique({ where: { tokenHash: sha256(params.token) } });
  if (refresh) {
    const own = refresh.clientId === client.id;
    log.push({ check: "Refresh token found and issued to this client: its grant and every token of it revoked", ok: own, rfc: "RFC 7009 §2.1" });
    if (own) await revokeGrant(refresh.grantId);
    return;
  }
  const access = await verifyOwnAccessToken(params.token);
  const own = access !== undefined && access.client_id === client.id;
  log.push({ check: own ? "Access token issued to this client: revoked" : "Not a token of this client: nothing revoked (answer is 200 anyway)", ok: own, rfc: "RFC 7009 §2.2" });
  if (access && own) await revokeAccessToken(access.jti, client.id);
}
