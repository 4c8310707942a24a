// The token endpoint (RFC 6749 §3.2): authenticate the client, then dispatch on grant_type.
import "server-only";
import { UnauthorizedClient, UnsupportedGrantType, InvalidRequest, type CheckLog } from "@oauth-flow-lab/oauth";
import { authenticateLoggedClient } from "../clients";
import { readFormBody, readParameters } from "../parameters";
import type { TokenResponse } from "../tokens";
import { authorizationCodeGrant } from "./authorization-code";
import { refreshTokenGrant } from "./refresh-token";

const GRANTS = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
} as const;

const noLog: CheckLog = { push: () => undefined };

export async function handleTokenRequest(request: Request, log: CheckLog = noLog): Promise<TokenResponse> {
  // RFC 6749 §2.3.1: credentials in the URL are never accepted.
  const query = new URL(request.url).searchParams;
  if (query.has("client_secret") || query.has("code") || query.has("refresh_token")) {
    throw new InvalidRequest("parameters must be sent in the request body, not the URL");
  }
  const body = await readFormBody(request);
  const { grant_type } = readParameters(body, ["grant_type", "client_id", "client_secret"] as const);
  const client = await authenticateLoggedClient(request, body, log);
  if (!grant_type) throw new InvalidRequest("the grant_type parameter is missing");
  if (!Object.hasOwn(GRANTS, grant_type)) throw new UnsupportedGrantType(`grant_type "${grant_type}" is not supported`);
  if (!client.grantTypes.includes(grant_type)) throw new UnauthorizedClient(`this client may not use ${grant_type}`);
  return GRANTS[grant_type as keyof typeof GRANTS](client, body, log);
}
