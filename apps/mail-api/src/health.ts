// Liveness and readiness for the load balancer (deploy/haproxy.cfg) and the compose health check, in
// front of the API's own routes: GET /health/live (the process serves HTTP; no database, so that a
// PostgreSQL outage never gets an instance restarted) and GET /health/ready (a `SELECT 1` within a short
// timeout: 200, or 503 with a short JSON body, never a hang or a stack trace). GET /health stays in the
// route table (routes.ts) as before.
import type { RequestListener } from "node:http";
import { sendJson } from "./http.ts";

/** Longer than a healthy `SELECT 1` ever takes, shorter than the load balancer's check timeout (2 s). */
export const READINESS_TIMEOUT_MS = 1500;

export type Readiness = { status: "ready" } | { status: "unavailable"; reason: string };

/** Runs `probe` against the clock; resolves, never rejects. */
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

/** Answers the two health paths itself (GET only) and hands every other request to `app`. */
export function withHealth(app: RequestListener, probe: () => Promise<unknown>, timeoutMs = READINESS_TIMEOUT_MS): RequestListener {
  return (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || (path !== "/health/live" && path !== "/health/ready")) return app(req, res);
    // sendJson: JSON, Cache-Control: no-store.
    if (path === "/health/live") return sendJson(res, 200, { status: "live" });
    void checkReadiness(probe, timeoutMs).then((readiness) => sendJson(res, readiness.status === "ready" ? 200 : 503, readiness));
  };
}
