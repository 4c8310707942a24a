// Revocation reaches the mail API through RFC 7662 introspection. A JWT access token is checked
// locally first (signature, iss, aud, exp, typ, scope: verify-access-token.ts); then the AS is asked
// whether it is still active, and the answer is remembered for a few seconds. So a revoked token (RFC
// 7009), or one whose grant ended (code replay, refresh token reuse), stops working here within
// STATUS_TTL_MS, while a busy client costs the AS at most one introspection per token per window.
// Why introspection rather than a revocation list or shorter lifetimes: it is the standard (RFC 7662),
// needs no new endpoint shape, and keeps the decision where the state is (docs/security.md).
import { InvalidToken, TemporarilyUnavailable } from "@oauth-flow-lab/oauth";
import { z } from "zod";
import type { AccessTokenVerifier } from "./verify-access-token.ts";

/** How long an "active" answer is trusted. Revocation takes effect within this time. */
export const STATUS_TTL_MS = 5_000;

export type IntrospectionClient = {
  /** RFC 8414 `introspection_endpoint` of the AS. */
  endpoint: () => Promise<URL>;
  client_id: string;
  client_secret: string;
  fetch?: typeof fetch;
};

const introspectionResponse = z.object({ active: z.boolean() });

/**
 * RFC 7662 §2.1: POST the token, authenticated as this resource server (client_secret_basic,
 * RFC 6749 §2.3.1: id and secret form-urlencoded first), and read `active` (§2.2).
 */
export async function introspectAccessToken(client: IntrospectionClient, token: string): Promise<boolean> {
  const credentials = `${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`;
  const response = await (client.fetch ?? fetch)(await client.endpoint(), {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
      authorization: `Basic ${Buffer.from(credentials).toString("base64")}`,
    },
    body: new URLSearchParams({ token, token_type_hint: "access_token" }),
    redirect: "error",
    signal: AbortSignal.timeout(5000),
  });
  if (response.status !== 200) throw new Error(`introspection: HTTP ${response.status}`);
  const body = introspectionResponse.safeParse(await response.json());
  if (!body.success) throw new Error("introspection: malformed response");
  return body.data.active;
}

export type StatusOptions = { ttlMs?: number; maxEntries?: number; now?: () => number };

/**
 * Adds the "still active?" check to a verifier. Fails closed: if the AS cannot be asked, the request
 * gets 503 temporarily_unavailable rather than trusting a token that might have been revoked.
 */
export function withRevocationCheck(
  verifier: AccessTokenVerifier,
  isActive: (token: string) => Promise<boolean>,
  options: StatusOptions = {},
): AccessTokenVerifier {
  const ttl = options.ttlMs ?? STATUS_TTL_MS;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const activeUntil = new Map<string, number>();
  return {
    async verify(token) {
      const verified = await verifier.verify(token);
      const until = activeUntil.get(token);
      if (until !== undefined && until > now()) return verified;
      activeUntil.delete(token);
      let active: boolean;
      try {
        active = await isActive(token);
      } catch {
        throw new TemporarilyUnavailable("the authorization server cannot confirm the token, try again later");
      }
      if (!active) throw new InvalidToken("the access token has been revoked");
      if (activeUntil.size >= maxEntries) {
        const oldest = activeUntil.keys().next();
        if (!oldest.done) activeUntil.delete(oldest.value);
      }
      activeUntil.set(token, now() + ttl);
      return verified;
    },
  };
}
