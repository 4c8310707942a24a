// The mail API's side of the teaching trace: what it checked for one guided flow, in memory, readable
// at GET /trace/{trace_id}. On only with TRACE=1. It records results of checks already made; it never
// makes or changes one.
import { TRACE_HEADER, isTraceId, type ProtocolCheck, type TraceEvent } from "@oauth-flow-lab/oauth";
import type { IncomingMessage } from "node:http";

const MAX_TRACES = 500;
const MAX_EVENTS = 200;

export type Trace = {
  record(req: IncomingMessage, endpoint: string, checks: ProtocolCheck[]): void;
  read(traceId: string): TraceEvent[] | undefined;
};

export function createTrace(): Trace {
  const traces = new Map<string, TraceEvent[]>();
  return {
    record(req, endpoint, checks) {
      const header = req.headers[TRACE_HEADER];
      const traceId = typeof header === "string" && isTraceId(header) ? header : undefined;
      if (!traceId || checks.length === 0) return;
      const at = new Date().toISOString();
      const events = [...(traces.get(traceId) ?? []), ...checks.map((c) => ({ at, actor: "mail-api" as const, endpoint, ...c }))];
      traces.delete(traceId);
      traces.set(traceId, events.slice(-MAX_EVENTS));
      if (traces.size > MAX_TRACES) {
        const oldest = traces.keys().next();
        if (!oldest.done) traces.delete(oldest.value);
      }
    },
    read(traceId) {
      return isTraceId(traceId) ? (traces.get(traceId) ?? []) : undefined;
    },
  };
}
