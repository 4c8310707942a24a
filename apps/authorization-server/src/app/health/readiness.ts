// Readiness: can this instance serve a request that needs its database? A load balancer (deploy/haproxy.cfg)
// and the compose health check ask it. A database that is down or slow is answered within the timeout
// with a 503 and a short JSON body, never a hang or a stack trace.

/** Longer than a healthy `SELECT 1` ever takes, shorter than the load balancer's check timeout (2 s). */
export const READINESS_TIMEOUT_MS = 1500;

export type Readiness = { status: "ready" } | { status: "unavailable"; reason: string };

/** Runs `probe` (a `SELECT 1`) against the clock; resolves, never rejects. */
export async function checkReadiness(probe: () => Promise<unknown>, timeoutMs = READINESS_TIMEOUT_MS): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve({ status: "unavailable", reason: `the database did not answer within ${timeoutMs} ms` }), timeoutMs);
  });
  const answer = probe().then(
    (): Readiness => ({ status: "ready" }),
    // The driver's message may name hosts or users: only its class goes out.
    (): Readiness => ({ status: "unavailable", reason: "the database refused or failed the query" }),
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** 200 when ready, 503 otherwise; never cached. */
export function readinessResponse(readiness: Readiness): Response {
  return Response.json(readiness, { status: readiness.status === "ready" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
