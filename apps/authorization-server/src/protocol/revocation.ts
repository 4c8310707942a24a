// RFC 7009: token revocation. Revoking a refresh token ends its grant. The response is 200 whether or
// not the token was valid (§2.2), so the endpoint cannot be used to probe tokens.
import "server-only";
import { InvalidRequest } from "@oauth-flow-lab/oauth";
import { db } from "@/lib/db";
import { sha256 } from "@/lib/random";
import { authenticateClient, readClientCredentials } from "./clients";
import { revokeGrant } from "./grants/revoke-grant";
import { readFormBody, readParameters } from "./parameters";

export async function revokeToken(request: Request): Promise<void> {
  const body = await readFormBody(request);
  const params = readParameters(body, ["token", "token_type_hint", "client_id", "client_secret"] as const);
  const client = await authenticateClient(readClientCredentials(request, body));
  if (!params.token) throw new InvalidRequest("the token parameter is missing");
  const refresh = await db().refreshToken.findUnique({ where: { tokenHash: sha256(params.token) } });
  // Another client cannot revoke this client's tokens (§2.1).
  if (refresh && refresh.clientId === client.id) await revokeGrant(refresh.grantId);
}
