// Registered clients (RFC 6749 §2) and client authentication at the token endpoint (§2.3.1).
import "server-only";
import { InvalidClient, InvalidRequest, type CheckLog } from "@oauth-flow-lab/oauth";
import { db } from "@/lib/db";
import { safeEqual, sha256 } from "@/lib/random";
import { isStorableText } from "./parameters";

export type RegisteredClient = {
  id: string;
  name: string;
  secretHash: string | null;
  redirectUris: string[];
  allowedScopes: string[];
  grantTypes: string[];
  tokenEndpointAuthMethod: string;
  introspectionAllowed: boolean;
};

export async function findClient(clientId: string): Promise<RegisteredClient | null> {
  return db().client.findUnique({ where: { id: clientId } });
}

export type ClientCredentials = {
  client_id: string;
  client_secret: string | undefined;
  method: "client_secret_basic" | "client_secret_post" | "none";
};

/**
 * RFC 6749 §2.3.1: client_id and client_secret come either in HTTP Basic (each form-urlencoded first)
 * or in the body, never both (§2.3: "MUST NOT use more than one authentication method").
 */
export function readClientCredentials(request: Request, body: URLSearchParams): ClientCredentials {
  const authorization = request.headers.get("authorization");
  const bodyId = body.get("client_id");
  const bodySecret = body.get("client_secret");
  if (authorization !== null) {
    const match = /^Basic ([A-Za-z0-9+/]+=*)$/i.exec(authorization.trim());
    if (!match?.[1]) throw new BasicAuthenticationFailed("malformed Basic credentials");
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) throw new BasicAuthenticationFailed("malformed Basic credentials");
    let id: string;
    let secret: string;
    try {
      id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " "));
      secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " "));
    } catch {
      throw new BasicAuthenticationFailed("malformed Basic credentials");
    }
    if (!isStorableText(id) || !isStorableText(secret)) throw new BasicAuthenticationFailed("malformed Basic credentials");
    if (bodySecret !== null) throw new InvalidRequest("use only one client authentication method");
    if (bodyId !== null && bodyId !== id) throw new InvalidRequest("client_id does not match the Basic credentials");
    return { client_id: id, client_secret: secret, method: "client_secret_basic" };
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

/** RFC 6749 §5.2: a failed Basic authentication answers 401 with a WWW-Authenticate challenge. */
export class BasicAuthenticationFailed extends InvalidClient {}

/** A public client (RFC 6749 §2.1): no secret, so it is identified by its client_id, not authenticated. */
export function isPublicClient(client: RegisteredClient): boolean {
  return client.tokenEndpointAuthMethod === "none" && client.secretHash === null;
}

/**
 * Authenticates a confidential client by its secret (compared as SHA-256 hashes, in constant time),
 * or identifies a public client that sent only its client_id (RFC 6749 §3.2.1). A public client
 * cannot pretend to be confidential, nor a confidential one skip its secret.
 */
export async function authenticateClient(credentials: ClientCredentials): Promise<RegisteredClient> {
  const client = await findClient(credentials.client_id);
  const fail = () =>
    credentials.method === "client_secret_basic"
      ? new BasicAuthenticationFailed("client authentication failed")
      : new InvalidClient("client authentication failed");
  if (client && isPublicClient(client)) {
    if (credentials.method !== "none") throw fail();
    return client;
  }
  if (!client || client.secretHash === null) throw fail();
  if (credentials.method === "none" || credentials.client_secret === undefined) throw fail();
  if (!safeEqual(sha256(credentials.client_secret), client.secretHash)) throw fail();
  return client;
}

/** authenticateClient, reporting the result to a check log (the teaching trace). */
export async function authenticateLoggedClient(request: Request, body: URLSearchParams, log: CheckLog): Promise<RegisteredClient> {
  try {
    const credentials = readClientCredentials(request, body);
    const client = await authenticateClient(credentials);
    log.push({ check: "Client authenticated with its secret", ok: true, detail: `${client.id} via ${credentials.method}`, rfc: "RFC 6749 §2.3.1" });
    return client;
  } catch (error) {
    log.push({ check: "Client authenticated with its secret", ok: false, rfc: "RFC 6749 §2.3.1" });
    throw error;
  }
}
