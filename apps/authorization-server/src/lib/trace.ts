// The AS's side of the teaching trace: check results per flow, kept in memory, readable at
// GET /trace/{trace_id}. On only with TRACE=1 (the demo and the tests). It stores what the protocol
// code reports (check names, results, non-secret details) and never changes a decision.
import "server-only";
import { TRACE_HEADER, isTraceId, traceIdOf, type CheckLog, type ProtocolCheck, type TraceEvent } from "@oauth-flow-lab/oauth";
import { env } from "@/env";

const MAX_TRACES = 500;
const MAX_EVENTS = 200;
const traces = new Map<string, TraceEvent[]>();

export function tracingEnabled(): boolean {
  return env().TRACE;
}

export function traceEvents(traceId: string): TraceEvent[] | undefined {
  return tracingEnabled() && isTraceId(traceId) ? (traces.get(traceId) ?? []) : undefined;
}

/** A check log for one endpoint call; `flush` stores what was pushed under the flow's trace id. */
export function checkLog(endpoint: string): CheckLog & { checks: ProtocolCheck[]; flush: (traceId: string | undefined) => void } {
  const checks: ProtocolCheck[] = [];
  return {
    checks,
    push: (check) => void checks.push(check),
    flush(traceId) {
      if (!tracingEnabled() || traceId === undefined || !isTraceId(traceId) || checks.length === 0) return;
      const events = traces.get(traceId) ?? [];
      const at = new Date().toISOString();
      events.push(...checks.map((c) => ({ at, actor: "authorization-server" as const, endpoint, ...c })));
      traces.delete(traceId); // re-insert: the Map's order is the eviction order
      traces.set(traceId, events.slice(-MAX_EVENTS));
      if (traces.size > MAX_TRACES) {
        const oldest = traces.keys().next();
        if (!oldest.done) traces.delete(oldest.value);
      }
    },
  };
}

/** Front channel: the trace id is derived from `state`. */
export async function traceIdFromState(state: string | undefined): Promise<string | undefined> {
  return state === undefined ? undefined : traceIdOf(state);
}

/** Back channel: the guided client names its flow in a header. */
export function traceIdFromRequest(request: Request): string | undefined {
  const value = request.headers.get(TRACE_HEADER);
  return value !== null && isTraceId(value) ? value : undefined;
}
