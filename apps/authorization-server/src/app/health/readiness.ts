// Readiness: can this instance serve a request that needs its database? A load balancer (deploy/haproxy.cfg)
// and the compose health check ask it. A database that is down or slow is answered within the timeout
// with a 503 and a short JSON body, never a hang or a stack trace.

import { checkReadiness, READINESS_TIMEOUT_MS, type Readiness } from "@oauth-flow-lab/db/readiness";

export { checkReadiness, READINESS_TIMEOUT_MS, type Readiness };

/** 200 when ready, 503 otherwise; never cached. */
export function readinessResponse(readiness: Readiness): Response {
  return Response.json(readiness, { status: readiness.status === "ready" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
