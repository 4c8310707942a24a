// Readiness: can this instance serve a request that needs its database? Both servers answer
// /health/ready with this check (the AS's route, the mail API's health.ts); a load balancer
// (deploy/haproxy.cfg) and the compose health checks ask it. A database that is down or slow is answered
// within the timeout, never a hang, and the driver's message never goes out.

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
