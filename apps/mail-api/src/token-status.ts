// Revocation reaches the mail API through RFC 7662 introspection. A JWT access token is checked
// locally first (header, signature, iss, aud, lifetime, claims: verify-access-token.ts); then the AS is asked
// whether it is still active, and the answer is remembered for a few seconds. So a revoked token (RFC
// 7009), or one whose grant ended (code replay, refresh token reuse), stops working here within
// STATUS_TTL_MS, while a busy client costs the AS at most one introspection per token per window.
// Why introspection rather than a revocation list or shorter lifetimes: it is the standard (RFC 7662),
// needs no new endpoint shape, and keeps the decision where the state is (docs/security.md).
import { LIFETIMES } from "@oauth-flow-lab/lab";
import { REQUEST_ID_HEADER } from "@oauth-flow-lab/log";
import { type Check, InvalidToken, runChecks, TemporarilyUnavailable } from "@oauth-flow-lab/oauth";
import { decodeJwt } from "jose";
import { z } from "zod";
import type { AccessTokenVerifier, IntrospectionCacheEntry, VerifyContext } from "./verify-access-token.ts";

/** How long an "active" answer is trusted. Revocation takes effect within this time. */
export const STATUS_TTL_MS = LIFETIMES.introspection_cache.seconds * 1000;

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
 * RFC 6749 §2.3.1: id and secret form-urlencoded first), and read `active` (§2.2). `requestId`, the
 * id of the request that carried the token, goes along as X-Request-Id so both logs tell the same story.
 */
export async function introspectAccessToken(client: IntrospectionClient, token: string, requestId?: string): Promise<boolean> {
  const credentials = `${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`;
  const response = await (client.fetch ?? fetch)(await client.endpoint(), {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
      authorization: `Basic ${Buffer.from(credentials).toString("base64")}`,
      ...(requestId === undefined ? {} : { [REQUEST_ID_HEADER]: requestId }),
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

/** One verified token about to be checked against the AS, and where its last "active" answer is kept. */
type ActiveAtTheAs = {
  readonly token: string;
  readonly isActive: (token: string, context: VerifyContext) => Promise<boolean>;
  /** The request the token came with (its id is passed on to the AS). */
  readonly context: VerifyContext;
  /** When the AS last said "active" for each token, for at most `ttl` ms. */
  readonly answeredAt: Map<string, number>;
  readonly ttl: number;
  readonly maxEntries: number;
  readonly now: () => number;
};

/**
 * RFC 7662 §2.2: the AS still says `active: true` (the token was not revoked, RFC 7009, nor its grant
 * ended). Either by a real introspection request, or, within STATUS_TTL_MS of one, from the remembered
 * answer, which is then reported as cached with its age (whole seconds, like HTTP's Age, RFC 9111 §5.1).
 * Fails closed: if the AS cannot be asked, 503 temporarily_unavailable rather than trusting a token that
 * might have been revoked.
 */
export const TOKEN_ACTIVE_CHECK: Check<ActiveAtTheAs> = {
  id: "token-active",
  rfc: "RFC 7662 §2.2",
  title: "Still active at the authorization server (token introspection)",
  async run({ token, isActive, context, answeredAt, ttl, maxEntries, now }) {
    const askedAt = answeredAt.get(token);
    const at = now();
    if (askedAt !== undefined && askedAt + ttl > at) {
      return {
        detail: `active: true, remembered for ${ttl / 1000} s`,
        cached: { age_seconds: Math.max(0, Math.floor((at - askedAt) / 1000)) },
      };
    }
    answeredAt.delete(token);
    let active: boolean;
    try {
      active = await isActive(token, context);
    } catch {
      throw new TemporarilyUnavailable("the authorization server cannot confirm the token, try again later");
    }
    if (!active) throw new InvalidToken("the access token has been revoked");
    if (answeredAt.size >= maxEntries) {
      const oldest = answeredAt.keys().next();
      if (!oldest.done) answeredAt.delete(oldest.value);
    }
    answeredAt.set(token, now());
    return { detail: "introspection request to the AS: active: true" };
  },
};

/**
 * Adds the "still active?" check (TOKEN_ACTIVE_CHECK) after a verifier's own checks: a token that
 * fails local verification never reaches the AS.
 */
export function withRevocationCheck(
  verifier: AccessTokenVerifier,
  isActive: (token: string, context: VerifyContext) => Promise<boolean>,
  options: StatusOptions = {},
): AccessTokenVerifier {
  const state = {
    isActive,
    answeredAt: new Map<string, number>(),
    ttl: options.ttlMs ?? STATUS_TTL_MS,
    maxEntries: options.maxEntries ?? 10_000,
    now: options.now ?? Date.now,
  };
  return {
    ...verifier,
    async verify(token, observer, context = {}) {
      const verified = await verifier.verify(token, observer, context);
      await runChecks([TOKEN_ACTIVE_CHECK], { ...state, token, context }, observer);
      return verified;
    },
    introspectionCacheEntry: (jti) => introspectionCacheEntryOf(state, jti),
  };
}

/**
 * Read-only: the remembered "active" answer for the token with this `jti`, while it is still trusted
 * (the next request after `answered_at + ttl_ms` asks the AS again). Only tokens that passed local
 * verification are ever in the cache, so their claims are the AS's word.
 */
function introspectionCacheEntryOf(
  state: Pick<ActiveAtTheAs, "answeredAt" | "ttl" | "now">,
  jti: string,
): IntrospectionCacheEntry | undefined {
  const at = state.now();
  for (const [token, answeredAt] of state.answeredAt) {
    if (answeredAt + state.ttl <= at) continue;
    let claims: { jti?: unknown };
    try {
      claims = decodeJwt(token);
    } catch {
      continue;
    }
    if (claims.jti === jti) return { active: true, answered_at: answeredAt, ttl_ms: state.ttl };
  }
  return undefined;
}
