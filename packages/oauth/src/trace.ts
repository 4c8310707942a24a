// The teaching side channel: what the authorization server and the mail API checked, step by step,
// for one guided flow. It observes the protocol and never changes it; it is on only where TRACE=1
// (the demo and the tests), and it carries check results, never secrets.

/** Correlates one flow across the three roles: BASE64URL(SHA-256(state)). */
export const TRACE_HEADER = "x-flow-trace";

export type TraceActor = "authorization-server" | "mail-api";

export type TraceEvent = ProtocolCheck & {
  /** ISO 8601 time of the check. */
  at: string;
  actor: TraceActor;
  /** The endpoint that made the check, e.g. "/authorize", "/token", "GET /v1/messages". */
  endpoint: string;
};

/** The trace id of a flow, from its `state` (the client and the AS can both compute it). */
export async function traceIdOf(state: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(state));
  return Buffer.from(digest).toString("base64url");
}

const TRACE_ID = /^[A-Za-z0-9_-]{43}$/;
export function isTraceId(value: string): boolean {
  return TRACE_ID.test(value);
}

/** One check an endpoint ran, as its check runner reports it (the trace adds actor, endpoint and time). */
export type ProtocolCheck = {
  /** The check's stable id, kebab-case, e.g. "check-pkce" (one check, one id). */
  id: string;
  /** The check's plain title, e.g. "PKCE: BASE64URL(SHA-256(code_verifier)) equals the code_challenge". */
  check: string;
  ok: boolean;
  /** The values compared, when they are not secret. */
  detail?: string;
  /** The RFC section the check implements, e.g. "RFC 7636 §4.6". */
  rfc?: string;
  /** The answer came from a cache, not from a new request: how old it was. */
  cached?: { age_seconds: number };
};

/** Where protocol code reports its checks; an array, or one that drops everything. */
export type CheckLog = { push(check: ProtocolCheck): void };

/** A trace event as both servers store it, each in its own table with the same columns. */
export type StoredTraceEvent = {
  at: Date;
  endpoint: string;
  checkId: string;
  title: string;
  ok: boolean;
  detail: string | null;
  rfc: string | null;
  cachedAgeSeconds: number | null;
};

/** The columns stored for one check that ran. */
export function storedTraceEvent(check: ProtocolCheck, endpoint: string, at: Date): StoredTraceEvent {
  return {
    at,
    endpoint,
    checkId: check.id,
    title: check.check,
    ok: check.ok,
    detail: check.detail ?? null,
    rfc: check.rfc ?? null,
    cachedAgeSeconds: check.cached?.age_seconds ?? null,
  };
}

/** A stored row back on the wire, as GET /trace answers it. */
export function traceEventOf(row: StoredTraceEvent, actor: TraceActor): TraceEvent {
  return {
    at: row.at.toISOString(),
    actor,
    endpoint: row.endpoint,
    id: row.checkId,
    check: row.title,
    ok: row.ok,
    ...(row.detail === null ? {} : { detail: row.detail }),
    ...(row.rfc === null ? {} : { rfc: row.rfc }),
    ...(row.cachedAgeSeconds === null ? {} : { cached: { age_seconds: row.cachedAgeSeconds } }),
  };
}
