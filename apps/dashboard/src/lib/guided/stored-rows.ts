// What the servers stored for this flow, teaching only: the AS's rows (GET {ISSUER}/trace/rows) and
// what the mail API keeps (GET {MAIL_API}/trace/state), each read server-side with the flow's trace
// capability (x-flow-trace), exactly like the trace. The dashboard never opens either database, and
// the capability never reaches a page: only the parsed rows do. Never throws: the panel degrades.
import "server-only";
import { TRACE_CAPABILITY_HEADER } from "@oauth-flow-lab/lab";
import { z } from "zod";
import { withRequestId } from "../request-id";
import type { GuidedContext } from "./context";

const time = z.string();
const timeOrNull = z.string().nullable();

const storedRowsSchema = z.object({
  interaction: z
    .object({
      id: z.string(),
      client_id: z.string(),
      params: z.record(z.string(), z.unknown()),
      expires_at: time,
      completed_at: timeOrNull,
    })
    .nullable(),
  authorization_codes: z.array(z.object({ code_hash: z.string(), expires_at: time, consumed_at: timeOrNull })),
  grant: z.object({ id: z.string(), scope: z.string(), auth_time: time, revoked_at: timeOrNull }).nullable(),
  refresh_tokens: z.array(
    z.object({ token_hash: z.string(), created_at: time, used_at: timeOrNull, revoked_at: timeOrNull, expires_at: time }),
  ),
  access_tokens: z.array(z.object({ jti: z.string(), expires_at: time, revoked_at: timeOrNull })),
});

const mailApiStateSchema = z.object({
  token_table: z.literal(false),
  token_table_note: z.string(),
  introspection_cache: z.array(
    z.object({
      jti: z.string(),
      entry: z
        .object({
          active: z.literal(true),
          answered_at: time,
          age_seconds: z.number().int().nonnegative(),
          asks_again_at: time,
          asks_again_in_seconds: z.number().int().nonnegative(),
          ttl_seconds: z.number().nonnegative(),
        })
        .nullable(),
    }),
  ),
  jwks: z
    .object({
      fetched_at: time,
      keys: z.array(
        z.object({ kid: z.string().nullable(), alg: z.string().nullable(), kty: z.string().nullable(), use: z.string().nullable() }),
      ),
    })
    .nullable(),
});

/** GET /trace/rows at the AS, as stored: hashes stay hashes. */
export type StoredRows = z.infer<typeof storedRowsSchema>;
/** GET /trace/state at the mail API. */
export type MailApiState = z.infer<typeof mailApiStateSchema>;

export type StoredSource<T> =
  | { kind: "ok"; value: T }
  /** Teaching mode off at that server, or nothing stored for this flow there yet (both answer 404). */
  | { kind: "off" }
  /** The flow has no capability: its trace could not be opened when it started. */
  | { kind: "none" }
  | { kind: "unavailable"; detail: string };

async function fetchStored<T>(url: URL, capability: string | undefined, schema: z.ZodType<T>): Promise<StoredSource<T>> {
  if (capability === undefined) return { kind: "none" };
  try {
    const response = await fetch(url, {
      headers: await withRequestId({ accept: "application/json", [TRACE_CAPABILITY_HEADER]: capability }),
      cache: "no-store",
      signal: AbortSignal.timeout(3_000),
    });
    if (response.status === 404) return { kind: "off" };
    if (!response.ok) return { kind: "unavailable", detail: `HTTP ${response.status}` };
    const parsed = schema.safeParse(await response.json());
    return parsed.success ? { kind: "ok", value: parsed.data } : { kind: "unavailable", detail: "unexpected answer" };
  } catch (error) {
    return { kind: "unavailable", detail: error instanceof Error ? error.message : "network error" };
  }
}

/** The AS's rows for this flow: interaction, codes, grant, refresh-token family, access tokens' jti records. */
export function fetchStoredRows(capability: string | undefined, context: Pick<GuidedContext, "issuer">): Promise<StoredSource<StoredRows>> {
  return fetchStored(new URL("trace/rows", `${context.issuer}/`), capability, storedRowsSchema);
}

/** What the mail API keeps for this flow: its introspection cache entries and the JWKS it fetched. */
export function fetchMailApiState(
  capability: string | undefined,
  context: Pick<GuidedContext, "mail_api_url">,
): Promise<StoredSource<MailApiState>> {
  return fetchStored(new URL("trace/state", `${context.mail_api_url}/`), capability, mailApiStateSchema);
}
