// Registered clients (RFC 6749 §2) and client authentication (§2.3), the one implementation used by
// the token, revocation, introspection and trace endpoints: reading the credentials (HTTP Basic or the
// body, never both), then authenticating a confidential client or identifying a public one.

import { findAuthSql, type PrismaClient } from "@oauth-flow-lab/db/auth";
import { AUTH_STATEMENTS } from "@oauth-flow-lab/db/auth-statements";
import { defineCheck, InvalidClient, InvalidRequest, required, UnauthorizedClient } from "@oauth-flow-lab/oauth";
import { safeEqual, sha256 } from "@/lib/random";
import { isStorableText } from "./parameters";

type Db = Pick<PrismaClient, "client">;

export type RegisteredClient = {
  id: string;
  name: string;
  secretHash: string | null;
  redirectUris: string[];
  /** OpenID Connect RP-Initiated Logout 1.0 §3.1: exact post_logout_redirect_uri values. */
  postLogoutRedirectUris: string[];
  allowedScopes: string[];
  grantTypes: string[];
  tokenEndpointAuthMethod: string;
  introspectionAllowed: boolean;
  /** The stored policies (client-policy.ts reads them): "exact" and true for every real client. */
  redirectUriMatching: string;
  pkceRequired: boolean;
  /** Set when the client was disabled: its registration stays, its use is refused. */
  disabledAt: Date | null;
  /** After a rotation (developer console): the previous secret's hash, accepted until its expiry. */
  previousSecretHash?: string | null;
  previousSecretExpiresAt?: Date | null;
};

/** By its client_id, read fresh every time: a disabled client or a rotated secret takes effect at once. */
export async function findClient(db: Db, clientId: string): Promise<RegisteredClient | null> {
  const sql = findAuthSql(db);
  // Only a stand-in for the database (a unit test's) lacks the SQL handle: it answers as Prisma would.
  if (!sql) return db.client.findUnique({ where: { id: clientId } });
  const [client] = await sql.query<RegisteredClient>(AUTH_STATEMENTS.clientById, [clientId]);
  return client ?? null;
}

/**
 * RFC 6749 §2.3.1: the secret matches the client's current one, or its previous one while the rotation's
 * overlap lasts (LIFETIMES.client_secret_overlap, decided by `now`). Hashes are compared in constant time,
 * both of them every time, so the answer's timing does not tell which one matched.
 */
export function secretMatches(
  client: Pick<RegisteredClient, "secretHash" | "previousSecretHash" | "previousSecretExpiresAt">,
  secret: string,
  now: Date,
): boolean {
  const hash = sha256(secret);
  const current = client.secretHash !== null && safeEqual(hash, client.secretHash);
  const previousInForce = !!client.previousSecretHash && !!client.previousSecretExpiresAt && client.previousSecretExpiresAt > now;
  const previous = safeEqual(hash, client.previousSecretHash ?? "") && previousInForce;
  return current || previous;
}

/** RFC 7591 §2 `token_endpoint_auth_method` values this AS implements (RFC 6749 §2.3.1, §2.1). */
export const CLIENT_AUTHENTICATION_METHODS = ["client_secret_basic", "client_secret_post", "none"] as const;
export type ClientAuthenticationMethod = (typeof CLIENT_AUTHENTICATION_METHODS)[number];

/**
 * What each endpoint accepts, the one source of the metadata's `*_auth_methods_supported` (RFC 8414 §2)
 * and of the check each endpoint runs. Token and revocation: every method, each client only by the one
 * it registered. Introspection: no "none", since RFC 7662 §2.1 requires the caller to be authorized.
 */
export const ENDPOINT_AUTHENTICATION_METHODS = {
  token: CLIENT_AUTHENTICATION_METHODS,
  revocation: CLIENT_AUTHENTICATION_METHODS,
  introspection: ["client_secret_basic", "client_secret_post"],
} as const satisfies Record<string, readonly ClientAuthenticationMethod[]>;

export type ClientCredentials = {
  client_id: string;
  client_secret: string | undefined;
  method: ClientAuthenticationMethod;
};

/** RFC 6749 §5.2: a failed Basic authentication answers 401 with a WWW-Authenticate challenge. */
export class BasicAuthenticationFailed extends InvalidClient {
  /** RFC 7617 §2: read by the one place that turns errors into responses (lib/http.ts). */
  readonly challenge = 'Basic realm="token", charset="UTF-8"';
}

/**
 * RFC 6749 §2.3.1 and RFC 7617 §2: `Basic BASE64(form-urlencode(client_id) ":" form-urlencode(secret))`.
 * Each part is application/x-www-form-urlencoded before base64 (so "+" is a space, "%3A" a colon);
 * a secret that was not encoded still decodes to itself unless it holds "%" or "+".
 */
export function parseBasicCredentials(authorization: string): { client_id: string; client_secret: string } {
  const match = /^Basic ([A-Za-z0-9+/]+=*)$/i.exec(authorization.trim());
  if (!match?.[1]) throw new BasicAuthenticationFailed("malformed Basic credentials");
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw new BasicAuthenticationFailed("malformed Basic credentials");
  let client_id: string;
  let client_secret: string;
  try {
    client_id = formDecode(decoded.slice(0, colon));
    client_secret = formDecode(decoded.slice(colon + 1));
  } catch {
    throw new BasicAuthenticationFailed("malformed Basic credentials");
  }
  if (!isStorableText(client_id) || !isStorableText(client_secret)) throw new BasicAuthenticationFailed("malformed Basic credentials");
  return { client_id, client_secret };
}

/** RFC 6749 Appendix B: application/x-www-form-urlencoded decoding ("+" is a space); throws on bad "%". */
function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, " "));
}

/**
 * RFC 6749 §2.3.1: client_id and client_secret come either in HTTP Basic or in the body, never both
 * (§2.3: "MUST NOT use more than one authentication method").
 */
export function readClientCredentials(request: Request, body: URLSearchParams): ClientCredentials {
  const authorization = request.headers.get("authorization");
  const bodyId = body.get("client_id");
  const bodySecret = body.get("client_secret");
  if (authorization !== null) {
    const { client_id, client_secret } = parseBasicCredentials(authorization);
    if (bodySecret !== null) throw new InvalidRequest("use only one client authentication method");
    if (bodyId !== null && bodyId !== client_id) throw new InvalidRequest("client_id does not match the Basic credentials");
    return { client_id, client_secret, method: "client_secret_basic" };
  }
  if (bodyId === null || bodyId === "") throw new InvalidClient("client authentication is required");
  if (!isStorableText(bodyId) || (bodySecret !== null && !isStorableText(bodySecret))) {
    throw new InvalidClient("malformed client credentials");
  }
  return {
    client_id: bodyId,
    client_secret: bodySecret ?? undefined,
    method: bodySecret === null ? "none" : "client_secret_post",
  };
}

/** A public client (RFC 6749 §2.1): no secret, so it is identified by its client_id, not authenticated. */
export function isPublicClient(client: RegisteredClient): boolean {
  return client.tokenEndpointAuthMethod === "none" && client.secretHash === null;
}

/**
 * Authenticates a confidential client by its secret (compared as SHA-256 hashes, in constant time; during
 * a rotation's overlap the previous secret too, see secretMatches),
 * or identifies a public client that sent only its client_id (RFC 6749 §3.2.1). A public client
 * cannot pretend to be confidential, nor a confidential one skip its secret.
 *
 * Each client uses only the method it registered (RFC 7591 §2 `token_endpoint_auth_method`): a secret
 * registered for Basic is refused in the body, and the reverse. RFC 6749 §5.2 names this case
 * `invalid_client`: "Client authentication failed (e.g., … unsupported authentication method)".
 */
export async function authenticateClient(db: Db, credentials: ClientCredentials, now: Date): Promise<RegisteredClient> {
  const client = await findClient(db, credentials.client_id);
  const fail = () =>
    credentials.method === "client_secret_basic"
      ? new BasicAuthenticationFailed("client authentication failed")
      : new InvalidClient("client authentication failed");
  if (client && isPublicClient(client)) {
    if (credentials.method !== "none") throw fail();
    return client;
  }
  if (!client || client.secretHash === null) throw fail();
  if (credentials.method !== client.tokenEndpointAuthMethod) throw fail();
  if (credentials.method === "none" || credentials.client_secret === undefined) throw fail();
  if (!secretMatches(client, credentials.client_secret, now)) throw fail();
  return client;
}

type ClientAuthenticationContext = {
  deps: { db: Db; now: () => Date };
  request: Request;
  body?: URLSearchParams;
  client?: RegisteredClient;
};

/**
 * RFC 6749 §2.3.1, §3.2.1: the check an endpoint runs, accepting only `methods` (its entry in
 * ENDPOINT_AUTHENTICATION_METHODS, which its metadata advertises), each client only by its own method.
 */
export function clientAuthenticationCheckFor(methods: readonly ClientAuthenticationMethod[]) {
  return defineCheck<ClientAuthenticationContext>({
    id: "client-authentication",
    rfc: "RFC 6749 §2.3.1",
    title: "Client authenticated with its secret, by the method it registered (a public client: identified by its client_id)",
    async run(ctx) {
      const credentials = readClientCredentials(ctx.request, required(ctx.body, "the request body"));
      if (!methods.includes(credentials.method)) throw new InvalidClient(`${credentials.method} is not accepted at this endpoint`);
      ctx.client = await authenticateClient(ctx.deps.db, credentials, ctx.deps.now());
      return { detail: `${ctx.client.id} via ${credentials.method}` };
    },
  });
}

/** The token endpoint's client authentication (RFC 6749 §3.2.1). */
export const clientAuthenticationCheck = clientAuthenticationCheckFor(ENDPOINT_AUTHENTICATION_METHODS.token);

/**
 * RFC 6749 §4.1.2.1 and §5.2 (unauthorized_client): a disabled client gets no authorization and no
 * token, by any grant. Run right after the client is identified, at the authorization and token
 * endpoints alike.
 */
export const clientEnabledCheck = defineCheck<{ client?: RegisteredClient }>({
  id: "client-enabled",
  rfc: "RFC 6749 §5.2",
  title: "The client is not disabled",
  run(ctx) {
    if (required(ctx.client, "the client").disabledAt !== null) throw new UnauthorizedClient("this client is disabled");
  },
});
