// Shapes and names shared by whoever issues, sends or checks tokens.

/** RFC 9068 §2.1: the media type of a JWT access token, in its `typ` header. */
export const ACCESS_TOKEN_JWT_TYPE = "at+jwt";

/** The signing algorithm of every JWT the authorization server issues (RFC 7518 §3.4). */
export const SIGNING_ALG = "ES256";

/** RFC 9068 §2.2: the claims of a JWT access token. */
export type AccessTokenClaims = {
  iss: string;
  sub: string;
  aud: string;
  client_id: string;
  scope: string;
  exp: number;
  iat: number;
  jti: string;
  auth_time?: number;
};

/** RFC 8414 §2 metadata fields this project's clients and resource server read. */
export type AuthorizationServerMetadata = {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint?: string;
  revocation_endpoint?: string;
  [key: string]: unknown;
};

/** RFC 8414 §3: where the metadata of an issuer lives. */
export function metadataUrl(issuer: string): string {
  return new URL("/.well-known/oauth-authorization-server", issuer).href;
}
