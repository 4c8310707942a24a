// How the mail API accepts an access token, one function per step:
//   1. extractBearerToken     RFC 6750 §2.1: the Authorization request header, and nothing else
//   2. discoverJwksUri        RFC 8414 §3: the AS's metadata tells where its signing keys are
//   3. createIssuerKeySet     RFC 7517 §5: the AS's JWK Set, fetched lazily and cached
//   4. verifyAccessToken      RFC 9068 §4: ACCESS_TOKEN_CHECKS, one named check each for the header
//                             (typ, alg), the signature, iss, aud, the lifetime and the required claims
//   5. requireScopes          RFC 6750 §3.1: insufficient_scope when a route's scope is missing
// plus createAccessTokenVerifier, which remembers a verified token until its `exp`.
// Steps 1, 4 and 5 are named checks (the shared runner, @oauth-flow-lab/oauth checks.ts): whoever runs them can observe exactly what ran.
// This API knows the AS only by its issuer URL: it shares no code or database with it.

import {
  ACCESS_TOKEN_JWT_TYPE,
  type AccessTokenClaims,
  type Check,
  type CheckLog,
  hasScopes,
  InsufficientScope,
  InvalidRequest,
  InvalidToken,
  metadataUrl,
  parseScope,
  runChecks,
  SIGNING_ALG,
  TemporarilyUnavailable,
} from "@oauth-flow-lab/oauth";
import {
  compactVerify,
  createRemoteJWKSet,
  decodeProtectedHeader,
  type ExportedJWKSCache,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwksCache,
  type ProtectedHeaderParameters,
} from "jose";
import { z } from "zod";

/** The realm of this resource server's `WWW-Authenticate` challenges (RFC 6750 §3). */
export const REALM = "mail-api";

/** The claims the mail API uses from a verified access token. */
export type VerifiedAccessToken = Pick<AccessTokenClaims, "sub" | "client_id" | "scope" | "exp" | "iat" | "jti"> & {
  /** RFC 9068 §2.2.1: the owner's LabMail address, which the AS adds; the mailbox is opened for it. */
  email?: string | undefined;
};

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
export function createIssuerKeySet(issuer: string, options: KeySetOptions = {}): IssuerKeySet {
  // jose writes the fetched JWK Set and its time into this object on every fetch: read-only for us.
  const cacheInput: Record<string, never> = {};
  const fetched: Partial<ExportedJWKSCache> = cacheInput;
  // After a key rotation the first token with the new `kid` triggers a refetch; the cooldown (2 s
  // instead of jose's 30 s) bounds how often tokens with made-up kids can make us fetch.
  const createKeySet =
    options.createKeySet ?? ((jwksUri: URL) => createRemoteJWKSet(jwksUri, { cooldownDuration: 2_000, [jwksCache]: cacheInput }));
  let keySet: Promise<JWTVerifyGetKey> | undefined;

  const getKey: JWTVerifyGetKey = async (protectedHeader, token) => {
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
  return Object.assign(getKey, {
    fetchedKeys: (): FetchedKeySet | undefined =>
      fetched.uat === undefined || fetched.jwks === undefined
        ? undefined
        : {
            fetched_at: fetched.uat,
            keys: fetched.jwks.keys.map((k) => ({ kid: k.kid, alg: k.alg, kty: k.kty, use: k.use })),
          },
  });
}

/** The AS's JWK Set as this API last fetched it: public keys only, and when (epoch ms). */
export type FetchedKeySet = {
  fetched_at: number;
  keys: { kid: string | undefined; alg: string | undefined; kty: string | undefined; use: string | undefined }[];
};

/** createIssuerKeySet's key resolver, with a read-only look at what it fetched (teaching: GET /trace/state). */
export type IssuerKeySet = JWTVerifyGetKey & { fetchedKeys: () => FetchedKeySet | undefined };

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
  email: z.email().max(254).optional(),
});

/** One access token on its way through ACCESS_TOKEN_CHECKS; each check fills in what the next needs. */
type JwtVerification = {
  readonly token: string;
  readonly expected: AccessTokenExpectations;
  /** The JWS protected header, once `jwt-header` passed. */
  header?: ProtectedHeaderParameters;
  /** The claims set, once `jwt-signature` passed: from here on it is the AS's word. */
  claimsSet?: Record<string, unknown>;
  /** The claims the API uses, once `jwt-required-claims` passed. */
  claims?: VerifiedAccessToken;
};

const NOT_VALID = "the access token is not valid";
const notValidFor = (claim: string) => new InvalidToken(`the access token's "${claim}" is not valid for this resource`);

function signedClaimsOf(ctx: JwtVerification): Record<string, unknown> {
  if (ctx.claimsSet === undefined) throw new Error("jwt-signature must run before the claim checks");
  return ctx.claimsSet;
}

/** RFC 9068 §4: `typ` is `at+jwt` or `application/at+jwt`, compared as a media type (case-insensitive). */
function isAccessTokenType(typ: unknown): boolean {
  if (typeof typ !== "string") return false;
  const normalized = typ.toLowerCase();
  return (normalized.includes("/") ? normalized : `application/${normalized}`) === `application/${ACCESS_TOKEN_JWT_TYPE}`;
}

/**
 * RFC 9068 §4 and RFC 8725 §3.1: before any key is touched, the header must name the AS's one signing
 * algorithm (never `none`, never an HMAC that could be keyed with a public key) and the access token
 * type, so that an ID token or any other JWT of the AS is not taken for an access token (§2.1).
 */
export const JWT_HEADER_CHECK: Check<JwtVerification> = {
  id: "jwt-header",
  rfc: "RFC 9068 §4",
  title: `The JWT header says typ ${ACCESS_TOKEN_JWT_TYPE} and alg ${SIGNING_ALG}`,
  run(ctx) {
    let header: ProtectedHeaderParameters;
    try {
      header = decodeProtectedHeader(ctx.token);
    } catch {
      throw new InvalidToken(NOT_VALID);
    }
    // RFC 7797 unencoded payloads are not JWTs (RFC 7797 §7).
    if (header.alg !== SIGNING_ALG || header.b64 === false) throw new InvalidToken(NOT_VALID);
    if (!isAccessTokenType(header.typ)) throw notValidFor("typ");
    ctx.header = header;
    return { detail: `typ ${String(header.typ)}, alg ${header.alg}` };
  },
};

/**
 * RFC 7515 §5.2, RFC 9068 §4: the signature verifies with the key the header's `kid` names in the AS's
 * JWK Set (RFC 7517), and the payload is a JSON claims set (RFC 7519 §7.2).
 */
export const JWT_SIGNATURE_CHECK: Check<JwtVerification> = {
  id: "jwt-signature",
  rfc: "RFC 9068 §4",
  title: "The signature verifies with the AS's key from its JWK Set",
  async run(ctx) {
    let payload: Uint8Array;
    try {
      ({ payload } = await compactVerify(ctx.token, ctx.expected.keySet, { algorithms: [SIGNING_ALG] }));
    } catch (error) {
      if (error instanceof KeySetUnavailable) {
        throw new TemporarilyUnavailable("the authorization server's keys are unavailable, try again later");
      }
      if (error instanceof joseErrors.JOSEError) throw new InvalidToken(NOT_VALID);
      throw error;
    }
    let claimsSet: unknown;
    try {
      claimsSet = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload));
    } catch {
      throw new InvalidToken(NOT_VALID);
    }
    if (typeof claimsSet !== "object" || claimsSet === null || Array.isArray(claimsSet)) throw new InvalidToken(NOT_VALID);
    ctx.claimsSet = claimsSet as Record<string, unknown>;
    return { detail: `kid ${ctx.header?.kid ?? "(none)"}` };
  },
};

/** RFC 9068 §4, RFC 8414 §3.3: `iss` is exactly the AS's issuer identifier. */
export const JWT_ISSUER_CHECK: Check<JwtVerification> = {
  id: "jwt-issuer",
  rfc: "RFC 9068 §4",
  title: "iss is the authorization server",
  run(ctx) {
    if (signedClaimsOf(ctx).iss !== ctx.expected.issuer) throw notValidFor("iss");
    return { detail: ctx.expected.issuer };
  },
};

/** RFC 9068 §4, RFC 8707 §2: `aud` is this API, or a list that contains it. */
export const JWT_AUDIENCE_CHECK: Check<JwtVerification> = {
  id: "jwt-audience",
  rfc: "RFC 9068 §4",
  title: "aud names this API",
  run(ctx) {
    const { aud } = signedClaimsOf(ctx);
    const audiences: unknown[] = Array.isArray(aud) ? aud : [aud];
    if (!audiences.includes(ctx.expected.audience)) throw notValidFor("aud");
    return { detail: ctx.expected.audience };
  },
};

/**
 * RFC 9068 §2.2, §4 and RFC 7519 §4.1.4–4.1.6: `exp` and `iat` are present NumericDates, the token is
 * not used before `nbf`, and `exp` is still in the future. Compared with the wall clock, without leeway.
 */
export const JWT_LIFETIME_CHECK: Check<JwtVerification> = {
  id: "jwt-lifetime",
  rfc: "RFC 9068 §4",
  title: "Not expired (exp), and issued (iat) and valid (nbf) before now",
  run(ctx) {
    const { exp, iat, nbf } = signedClaimsOf(ctx);
    const now = Math.floor(Date.now() / 1000);
    if (typeof iat !== "number") throw notValidFor("iat");
    if (nbf !== undefined && (typeof nbf !== "number" || nbf > now)) throw notValidFor("nbf");
    if (typeof exp !== "number") throw notValidFor("exp");
    if (exp <= now) throw new InvalidToken("the access token expired");
    return { detail: `exp ${new Date(exp * 1000).toISOString()} (in ${exp - now} s)` };
  },
};

/**
 * RFC 9068 §2.2: `sub`, `client_id`, `jti` and `scope` are present too, and every claim the API uses is
 * well-formed; `scope` is a space-separated list of scope tokens (RFC 6749 §3.3).
 */
export const JWT_REQUIRED_CLAIMS_CHECK: Check<JwtVerification> = {
  id: "jwt-required-claims",
  rfc: "RFC 9068 §2.2",
  title: "The required claims are present and well-formed: sub, client_id, scope, jti, iat, exp",
  run(ctx) {
    const claimsSet = signedClaimsOf(ctx);
    for (const claim of ["sub", "client_id", "jti", "scope"]) {
      if (!Object.hasOwn(claimsSet, claim)) throw notValidFor(claim);
    }
    const claims = claimsSchema.safeParse(claimsSet);
    if (!claims.success || parseScope(claims.data.scope) === undefined) {
      throw new InvalidToken("the access token's claims are malformed");
    }
    ctx.claims = claims.data;
    return { detail: `sub ${claims.data.sub}, client_id ${claims.data.client_id}, scope "${claims.data.scope}"` };
  },
};

/** RFC 9068 §4: how the mail API validates a JWT access token, in order. */
export const ACCESS_TOKEN_CHECKS: readonly Check<JwtVerification>[] = [
  JWT_HEADER_CHECK,
  JWT_SIGNATURE_CHECK,
  JWT_ISSUER_CHECK,
  JWT_AUDIENCE_CHECK,
  JWT_LIFETIME_CHECK,
  JWT_REQUIRED_CLAIMS_CHECK,
];

/**
 * RFC 9068 §4: validates a JWT access token by running ACCESS_TOKEN_CHECKS, each reported to `observer`.
 * - `typ` header must be `at+jwt` (§2.1), so an ID token or another JWT of the AS is not accepted;
 * - only the AS's signing algorithm (`ES256`), never `none` or an HMAC confusion (RFC 8725 §3.1);
 * - signature by a key from the AS's JWK Set;
 * - `iss` equals the issuer, `aud` contains this API, `exp` is in the future;
 * - `exp`, `iat`, `sub`, `client_id`, `jti` and `scope` are present (§2.2), `scope` well-formed (RFC 6749 §3.3).
 *
 * @throws InvalidToken for any token that fails, TemporarilyUnavailable when the AS's keys cannot be fetched.
 */
export async function verifyAccessToken(
  token: string,
  expected: AccessTokenExpectations,
  observer?: CheckLog,
): Promise<VerifiedAccessToken> {
  const ctx: JwtVerification = { token, expected };
  await runChecks(ACCESS_TOKEN_CHECKS, ctx, observer);
  if (ctx.claims === undefined) throw new Error("jwt-required-claims did not run");
  return ctx.claims;
}

/** A token verified earlier, served from the verifier's cache. */
type CachedVerification = { readonly claims: VerifiedAccessToken; readonly verifiedAt: number; readonly now: number };

/**
 * The verifier's cache answered: the checks of ACCESS_TOKEN_CHECKS all passed for this exact token
 * string earlier, and its `exp` (RFC 9068 §4) has not passed since. Reported with the answer's age, in
 * whole seconds like HTTP's Age (RFC 9111 §5.1), instead of claiming a fresh signature check.
 */
export const VERIFIED_TOKEN_CACHE_CHECK: Check<CachedVerification> = {
  id: "verified-token-cache",
  rfc: "RFC 9068 §4",
  title: "Verified earlier (signature, iss, aud, lifetime, claims) and not expired since: remembered until exp",
  run({ claims, verifiedAt, now }) {
    return {
      detail: `exp ${new Date(claims.exp * 1000).toISOString()}`,
      cached: { age_seconds: Math.max(0, Math.floor((now - verifiedAt) / 1000)) },
    };
  },
};

/** A request's bearer credentials on their way through the request-level checks. */
export type BearerRequest = {
  /** Every Authorization header line of the request (Node's `headersDistinct`). */
  readonly authorization: readonly string[] | undefined;
  readonly url: URL;
  /** The token, once `bearer-token` passed. */
  token?: string;
};

/** RFC 6750 §2.1: the request carries one Bearer token, in the Authorization header only (extractBearerToken). */
export const BEARER_TOKEN_CHECK: Check<BearerRequest> = {
  id: "bearer-token",
  rfc: "RFC 6750 §2.1",
  title: "A Bearer token in the Authorization header (and not in the URI)",
  run(ctx) {
    ctx.token = extractBearerToken(ctx.authorization, ctx.url);
  },
};

/** A verified token and what the route needs. */
export type ScopeRequirement = { readonly token: VerifiedAccessToken; readonly required: readonly string[] };

/** RFC 6750 §3.1: the token's scope covers the route (requireScopes). */
export const ROUTE_SCOPE_CHECK: Check<ScopeRequirement> = {
  id: "route-scope",
  rfc: "RFC 6750 §3.1",
  title: "The token's scope includes the scope this route needs",
  run({ token, required }) {
    requireScopes(token, required);
    return { detail: `needs "${required.join(" ")}", the token has "${token.scope}"` };
  },
};

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
  /**
   * Verifies `token` and resolves to its claims. Each check that ran is reported to `observer`; the
   * decision does not depend on whether anyone observes it.
   */
  verify(token: string, observer?: CheckLog, context?: VerifyContext): Promise<VerifiedAccessToken>;
  /** Read-only: the JWK Set the verifier fetched, when its key set tells (teaching: GET /trace/state). */
  fetchedKeys?: () => FetchedKeySet | undefined;
  /** Read-only: the remembered introspection answer for the token with this `jti` (token-status.ts). */
  introspectionCacheEntry?: (jti: string) => IntrospectionCacheEntry | undefined;
};

/** The request a verification is for: its id travels on to the AS when it is asked (token-status.ts). */
export type VerifyContext = { readonly requestId?: string };

/** One remembered "active" answer of the AS (RFC 7662 §2.2), times in epoch ms. */
export type IntrospectionCacheEntry = { active: true; answered_at: number; ttl_ms: number };

export type VerifierOptions = AccessTokenExpectations & {
  /** Most distinct tokens remembered; the oldest is forgotten first. */
  maxCacheEntries?: number;
  now?: () => number;
};

/**
 * Verifies each distinct token string once and remembers the result until the token's `exp`:
 * signature verification dominates a resource server's cost (see notes/performance.md).
 * Only successes are cached, so a token that failed is checked again (e.g. once the AS is back).
 * A cached answer is reported as such (VERIFIED_TOKEN_CACHE_CHECK), never as a fresh verification.
 * Whether the token was revoked since is a separate, short-lived check (token-status.ts).
 */
export function createAccessTokenVerifier(options: VerifierOptions): AccessTokenVerifier {
  const maxEntries = options.maxCacheEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { claims: VerifiedAccessToken; verifiedAt: number }>();
  const keySet: JWTVerifyGetKey & { fetchedKeys?: () => FetchedKeySet | undefined } = options.keySet;

  return {
    ...(keySet.fetchedKeys ? { fetchedKeys: keySet.fetchedKeys } : {}),
    async verify(token, observer) {
      const cached = cache.get(token);
      if (cached !== undefined) {
        const at = now();
        if (cached.claims.exp * 1000 > at) {
          await runChecks([VERIFIED_TOKEN_CACHE_CHECK], { ...cached, now: at }, observer);
          return cached.claims;
        }
        cache.delete(token);
      }
      const verified = await verifyAccessToken(token, options, observer);
      if (cache.size >= maxEntries) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      cache.set(token, { claims: verified, verifiedAt: now() });
      return verified;
    },
  };
}
