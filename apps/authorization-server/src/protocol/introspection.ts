// RFC 7662: token introspection, for resource servers. Only clients registered for it may ask
// (§2.1: "the endpoint MUST also require some form of authorization"); an inactive, unknown,
// expired or revoked token gets only {"active": false} (§2.2), never a reason.
import "server-only";
import { InvalidRequest, UnauthorizedClient } from "@oauth-flow-lab/oauth";
import { env } from "@/env";
import { authenticateClient, readClientCredentials } from "./clients";
import { isAccessTokenLive, verifyOwnAccessToken } from "./own-access-tokens";
import { readFormBody, readParameters } from "./parameters";

export type IntrospectionResponse =
  | { active: false }
  | {
      active: true;
      token_type: "Bearer";
      scope: string;
      client_id: string;
      sub: string;
      aud: string | string[] | undefined;
      iss: string;
      exp: number;
      iat: number | undefined;
      jti: string;
    };

export async function introspectToken(request: Request): Promise<IntrospectionResponse> {
  const body = await readFormBody(request);
  const params = readParameters(body, ["token", "token_type_hint", "client_id", "client_secret"] as const);
  const client = await authenticateClient(readClientCredentials(request, body));
  if (!client.introspectionAllowed) throw new UnauthorizedClient("this client may not introspect tokens");
  if (!params.token) throw new InvalidRequest("the token parameter is missing");
  // Only access tokens are introspected: refresh tokens are for the client alone, never a resource server.
  const token = await verifyOwnAccessToken(params.token);
  if (!token || !(await isAccessTokenLive(token.jti))) return { active: false };
  return {
    active: true,
    token_type: "Bearer",
    scope: token.scope,
    client_id: token.client_id,
    sub: token.sub,
    aud: token.aud,
    iss: env().ISSUER,
    exp: token.exp,
    iat: token.iat,
    jti: token.jti,
  };
}
