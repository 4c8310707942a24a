// Which server-side checks belong to which step page. Pure: the pages fetch, this sorts.
import type { TraceEvent } from "@oauth-flow-lab/oauth";
import type { GuidedStepId } from "./steps";

/** The phases of a flow in time order; each step page shows the checks of its phase. */
export type TracePhase = "authorize" | "token" | "resource" | "refresh" | "revoke";

/** Steps 2–3: /authorize and the login/consent pages; 4–5: /token and /userinfo; 6: the mail API. */
export const PHASE_OF_STEP: Record<GuidedStepId, TracePhase | undefined> = {
  "1": undefined,
  "2": "authorize",
  "3": "authorize",
  "4": "token",
  "5": "token",
  "6": "resource",
  refresh: "refresh",
  revoke: "revoke",
};

/** The phases an endpoint's checks can belong to; which one is decided by time. */
function candidatePhases(endpoint: string): TracePhase[] {
  if (endpoint.startsWith("/authorize") || endpoint.startsWith("/interaction")) return ["authorize"];
  if (endpoint.includes("/token")) return ["token", "refresh"];
  if (endpoint.includes("/userinfo")) return ["token"];
  if (endpoint.includes("/revoke")) return ["revoke"];
  if (endpoint.includes("/v1/messages") || endpoint.includes("/introspect")) return ["resource", "revoke"];
  return ["authorize", "token", "resource", "refresh", "revoke"];
}

/**
 * Sorts trace events into phases. `startedAt` holds when this client began each phase (its first
 * request of that phase); an event goes to the latest candidate phase that had begun by then, so the
 * /token checks of a refresh land on the refresh page and the mail API's 401 after revocation on the
 * revoke page.
 */
export function eventsByPhase(
  events: readonly TraceEvent[],
  startedAt: Partial<Record<TracePhase, string>>,
): Record<TracePhase, TraceEvent[]> {
  const result: Record<TracePhase, TraceEvent[]> = { authorize: [], token: [], resource: [], refresh: [], revoke: [] };
  for (const event of events) {
    const candidates = candidatePhases(event.endpoint);
    const at = Date.parse(event.at);
    const begun = candidates.filter((p) => {
      const start = startedAt[p];
      return start !== undefined && Date.parse(start) <= at;
    });
    const phase = begun.at(-1) ?? candidates[0];
    if (phase) result[phase].push(event);
  }
  return result;
}
