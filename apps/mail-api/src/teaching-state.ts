// Teaching mode only: what the mail API keeps for one guided flow (GET /trace/state). It has no token
// table: a JWT access token is verified with the AS's published keys, and whether it is still active is
// asked of the AS by introspection (RFC 7662) and remembered for LIFETIMES.introspection_cache. So what
// it keeps is the remembered answer per token (in memory) and the AS's JWK Set (in memory). Read-only.
import { LIFETIMES } from "@oauth-flow-lab/lab";
import type { Trace } from "./trace.ts";
import type { AccessTokenVerifier } from "./verify-access-token.ts";

/** The wire shape of GET /trace/state: snake_case, times ISO 8601, durations in whole seconds. */
export type TeachingState = {
  /** Always false: this API stores no token, neither the token nor its hash. */
  token_table: false;
  token_table_note: string;
  /** One entry per access token this flow used (by `jti`, oldest first). */
  introspection_cache: {
    jti: string;
    /** The remembered introspection answer, or null: the next request with this token asks the AS. */
    entry: {
      active: true;
      answered_at: string;
      age_seconds: number;
      /** After this, the next request with this token introspects again (RFC 7662 §4). */
      asks_again_at: string;
      asks_again_in_seconds: number;
      ttl_seconds: number;
    } | null;
  }[];
  /** The AS's public keys, as fetched from its jwks_uri (RFC 8414 §2, RFC 7517 §5); null before the first token. */
  jwks: { fetched_at: string; keys: { kid: string | null; alg: string | null; kty: string | null; use: string | null }[] } | null;
};

const TOKEN_TABLE_NOTE =
  "The mail API has no token table: it verifies each JWT with LabMail's public keys and asks LabMail by introspection " +
  `whether it is still active, remembering an \`active\` answer for ${LIFETIMES.introspection_cache.seconds} s, in memory only.`;

/** The state for the flow this capability names; undefined (answered 404) when nothing is stored for it. */
export async function readTeachingState(
  trace: Trace,
  verifier: AccessTokenVerifier,
  capability: string,
  now: () => number = Date.now,
): Promise<TeachingState | undefined> {
  const jtis = await trace.jtis?.(capability);
  if (jtis === undefined) return undefined;
  const at = now();
  const seconds = (ms: number) => Math.max(0, Math.floor(ms / 1000));
  const keys = verifier.fetchedKeys?.();
  return {
    token_table: false,
    token_table_note: TOKEN_TABLE_NOTE,
    introspection_cache: jtis.map((jti) => {
      const entry = verifier.introspectionCacheEntry?.(jti);
      return {
        jti,
        entry:
          entry === undefined
            ? null
            : {
                active: true,
                answered_at: new Date(entry.answered_at).toISOString(),
                age_seconds: seconds(at - entry.answered_at),
                asks_again_at: new Date(entry.answered_at + entry.ttl_ms).toISOString(),
                asks_again_in_seconds: Math.ceil(Math.max(0, entry.answered_at + entry.ttl_ms - at) / 1000),
                ttl_seconds: entry.ttl_ms / 1000,
              },
      };
    }),
    jwks:
      keys === undefined
        ? null
        : {
            fetched_at: new Date(keys.fetched_at).toISOString(),
            keys: keys.keys.map((k) => ({ kid: k.kid ?? null, alg: k.alg ?? null, kty: k.kty ?? null, use: k.use ?? null })),
          },
  };
}
