// How the mail API accepts an access token, one function per step:
//   1. extractBearerToken     RFC 6750 §2.1: the Authorization request header, and nothing else
//   2. discoverJwksUri        RFC 8414 §3: the AS's metadata tells where its signing keys are
//   3. createIssuerKeySet     RFC 7517 §5: the AS's JWK Set, fetched lazily and cached
//   4. verifyAccessToken      RFC 9068 §4: signature, typ, iss, aud, exp and the required claims
//   5. requireScopes          RFC 6750 §3.1: insufficient_scope when a route's scope is missing
// plus createAccessTokenVerifier, which remembers a verified token until its `exp`.
// This API knows the AS only by its issuer URL: it shares no code or database with it.
import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTVerifyGetKey,
} from "jose";
import { z } from "zod";
import {
  ACCESS_TOKEN_JWT_TYPE,
  InsufficientScope,
  InvalidRequest,
  InvalidToken,
  SIGNING_ALG,
  TemporarilyUnavailable,
  hasScopes,
  metadataUrl,
  parseScope,
  type AccessTokenClaims,
} from "@oauth-flow-lab/oauth";

/** The realm of this resource server's `WWW-Authenticate` challenges (RFC 6750 §3). */
export const REALM = "mail-api";

/** The claims the mail API uses from a verified access token. */
export type VerifiedAccessToken = Pick<AccessTokenClaims, "sub" | "client_id" | "scope" | "exp" | "iat" | "jti">;

/** The request carried no bearer credentials: RFC 6750 §3.1 says to answer without an error code. */
export class MissingBearerToken extends Error {
  constructor() {
    super("no bearer token in the Authorization header");
  }
}

/** RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
/** RFC 7235 §2.1: auth-scheme SP token; the scheme name is case-insensitive. */
const CREDENTIALS = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)(?: +(.*))?$/;

/**
 * RFC 6750 §2.1: takes the access token from `Authorization: Bearer <token>`.
 *
 * `authorization` is every Authorization header line of the request (Node's `headersDistinct`), so a
 * repeated header can be rejected instead of silently picking one. `url` is the request URL only to
 * refuse an `access_token` query parameter: tokens in URIs end up in logs, histories and Referer
 * headers (RFC 6750 §2.3, §5.3; RFC 9700 §2.5 and §4.3.2). Form-encoded body tokens (RFC 6750 §2.2)
 * are not accepted either: this API reads JSON bodies only.
 *
 * @throws MissingBearerToken when there are no Bearer credentials (other schemes are ignored).
 * @throws InvalidRequest when the header is repeated or malformed, or a token is sent in the URI.
 */
export function extractBearerToken(authorization: readonly string[] | undefined, url: URL): string {
  if (url.searchParams.has("access_token")) {
    throw new InvalidRequest("access tokens are accepted only in the Authorization header (RFC 6750 §2.1)");
  }
  if (authorization === undefined || authorization.length === 0) throw new MissingBearerToken();
  if (authorization.length > 1) throw new InvalidRequest("more than one Authorization header");
  const header = (authorization[0] ?? "").trim();
  const match = CREDENTIALS.exec(header);
  if (!match) throw new InvalidRequest("malformed Authorization header");
  const [, scheme = "", credentials] = match;
  if (scheme.toLowerCase() !== "bearer") throw new MissingBearerToken();
  if (credentials === undefined || credentials === "") throw new InvalidRequest("the Bearer scheme needs a token");
  if (!B64TOKEN.test(credentials)) throw new InvalidRequest("the bearer token is not a valid b64token");
  return credentials;
}

/** RFC 8414 §2: the metadata fields the resource server needs. */
const metadataSchema = z.object({
  issuer: z.string(),
  jwks_uri: z.url({ protocol: /^https?$/ }),
  introspection_endpoint: z.url({ protocol: /^https?$/ }).optional(),
});

export type ResourceServerMetadata = z.infer<typeof metadataSchema>;

/**
 * RFC 8414 §3: fetches the authorization server's metadata.
 * RFC 8414 §3.3: the `issuer` in the metadata must be identical to the issuer it was fetched for,
 * or an attacker's metadata could stand in for the real AS's.
 */
export async function discoverMetadata(issuer: string, fetchImpl: typeof fetch = fetch): Promise<ResourceServerMetadata> {
  const response = await fetchImpl(metadataUrl(issuer), {
    headers: { Accept: "application/json" },
    redirect: "error",
    signal: AbortSignal.timeout(5000),
  });
  if (response.status !== 200) throw new Error(`authorization server metadata: HTTP ${response.status}`);
  const metadata = metadataSchema.safeParse(await response.json());
  if (!metadata.success) throw new Error("authorization server metadata: no valid jwks_uri");
  if (metadata.data.issuer !== issuer) {
    throw new Error(`authorization server metadata: issuer "${metadata.data.issuer}" is not "${issuer}"`);
  }
  return metadata.data;
}

/** RFC 8414 §2 `jwks_uri`: where the AS publishes its signing keys. */
export async function discoverJwksUri(issuer: string, fetchImpl: typeof fetch = fetch): Promise<URL> {
  return new URL((await discoverMetadata(issuer, fetchImpl)).jwks_uri);
}

/** RFC 8414 §2 `introspection_endpoint` (RFC 7662). */
export async function discoverIntrospectionEndpoint(issuer: string, fetchImpl: typeof fetch = fetch): Promise<URL> {
  const { introspection_endpoint } = await discoverMetadata(issuer, fetchImpl);
  if (!introspection_endpoint) throw new Error("authorization server metadata: no introspection_endpoint");
  return new URL(introspection_endpoint);
}

/** The AS's keys could not be obtained (metadata or JWK Set unreachable): not the token's fault. */
export class KeySetUnavailable extends Error {}

export type KeySetOptions = {
  fetch?: typeof fetch;
  /** Builds the JWK Set from its URI; jose's createRemoteJWKSet unless a test replaces it. */
  createKeySet?: (jwksUri: URL) => JWTVerifyGetKey;
};

/**
 * RFC 8414 §2 `jwks_uri` + RFC 7517 §5: the AS's signing keys, found lazily on the first token.
 * The metadata is fetched once and cached; if it fails, the next request tries again, so the API
 * starts (and answers /health) before the AS is up. jose's remote JWK Set caches the keys and
 * refetches them when a token names an unknown `kid` (key rotation), at most once per cooldown.
 */
export function createIssuerKeySet(issuer: string, options: KeySetOptions = {}): JWTVerifyGetKey {
  // After a key rotation the first token with the new `kid` triggers a refetch; the cooldown (2 s
  // instead of jose's 30 s) bounds how often tokens with made-up kids can make us fetch.
  const createKeySet = options.createKeySet ?? ((jwksUri: URL) => createRemoteJWKSet(jwksUri, { cooldownDuration: 2_000 }));
  let keySet: Promise<JWTVerifyGetKey> | undefined;

  return async (protectedHeader, token) => {
    keySet ??= discoverJwksUri(issuer, options.fetch).then(createKeySet);
    let getKey: JWTVerifyGetKey;
    try {
      getKey = await keySet;
    } catch (cause) {
      keySet = undefined; // retry discovery on the next request
      throw new KeySetUnavailable("authorization server metadata unavailable", { cause });
    }
    try {
      return await getKey(protectedHeader, token);
    } catch (error) {
      // An unknown or ambiguous `kid` is the token's problem; anything else (network, timeout,
      // a broken JWK Set document) is the AS being unreachable.
      if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) {
        throw error;
      }
      throw new KeySetUnavailable("authorization server keys unavailable", { cause: error });
    }
  };
}

export type AccessTokenExpectations = {
  /** The AS's issuer identifier, compared exactly with `iss` (RFC 9068 §4). */
  issuer: string;
  /** This resource server's identifier, which must be in `aud` (RFC 9068 §4, RFC 8707 §2). */
  audience: string;
  keySet: JWTVerifyGetKey;
};

const claimsSchema = z.object({
  sub: z.string().min(1),
  client_id: z.string().min(1),
  scope: z.string(),
  jti: z.string().min(1),
  exp: z.number(),
  iat: z.number(),
});

/**
 * RFC 9068 §4: validates a JWT access token.
 * - `typ` header must be `at+jwt` (§2.1), so an ID token or another JWT of the AS is not accepted;
 * - only the AS's signing algorithm (`ES256`), never `none` or an HMAC confusion (RFC 8725 §3.1);
 * - signature by a key from the AS's JWK Set;
 * - `iss` equals the issuer, `aud` contains this API, `exp` is in the future;
 * - `exp`, `iat`, `sub`, `client_id`, `jti` and `scope` are present (§2.2), `scope` well-formed (RFC 6749 §3.3).
 *
 * @throws InvalidToken for any token that fails, TemporarilyUnavailable when the AS's keys cannot be fetched.
 */
export async function verifyAccessToken(token: string, expected: AccessTokenExpectations): Promise<VerifiedAccessToken> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, expected.keySet, {
      issuer: expected.issuer,
      audience: expected.audience,
      algorithms: [SIGNING_ALG],
      typ: ACCESS_TOKEN_JWT_TYPE,
      requiredClaims: ["exp", "iat", "sub", "client_id", "jti", "scope"],
    }));
  } catch (error) {
    if (error instanceof KeySetUnavailable) {
      throw new TemporarilyUnavailable("the authorization server's keys are unavailable, try again later");
    }
    if (error instanceof joseErrors.JWTExpired) throw new InvalidToken("the access token expired");
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      throw new InvalidToken(`the access token's "${error.claim}" is not valid for this resource`);
    }
    if (error instanceof joseErrors.JOSEError) throw new InvalidToken("the access token is not valid");
    throw error;
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success || parseScope(claims.data.scope) === undefined) {
    throw new InvalidToken("the access token's claims are malformed");
  }
  return claims.data;
}

/**
 * RFC 6750 §3.1: a valid token without every scope the route needs gets `insufficient_scope`
 * (403), with the `scope` attribute naming what is needed.
 */
export function requireScopes(token: VerifiedAccessToken, required: readonly string[]): void {
  if (!hasScopes(token.scope, required)) {
    throw new InsufficientScope(`this request needs the scope "${required.join(" ")}"`, required.join(" "));
  }
}

export type AccessTokenVerifier = {
  verify(token: string): Promise<VerifiedAccessToken>;
};

export type VerifierOptions = AccessTokenExpectations & {
  /** Most distinct tokens remembered; the oldest is forgotten first. */
  maxCacheEntries?: number;
  now?: () => number;
};

/**
 * Verifies each distinct token string once and remembers the result until the token's `exp`:
 * signature verification dominates a resource server's cost (see notes/performance.md).
 * Only successes are cached, so a token that failed is checked again (e.g. once the AS is back).
 * Whether the token was revoked since is a separate, short-lived check (token-status.ts).
 */
export function createAccessTokenVerifier(options: VerifierOptions): AccessTokenVerifier {
  const maxEntries = options.maxCacheEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, VerifiedAccessToken>();

  return {
    async verify(token) {
      const cached = cache.get(token);
      if (cached !== undefined) {
        if (cached.exp * 1000 > now()) return cached;
        cache.delete(token);
      }
      const verified = await verifyAccessToken(token, options);
      if (cache.size >= maxEntries) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      cache.set(token, verified);
      return verified;
    },
  };
}
