// Liveness and readiness for the load balancer (deploy/haproxy.cfg) and the compose health check, in
// front of the API's own routes: GET /health/live (the process serves HTTP; no database, so that a
// PostgreSQL outage never gets an instance restarted) and GET /health/ready (a `SELECT 1` within a short
// timeout: 200, or 503 with a short JSON body, never a hang or a stack trace). GET /health stays in the
// route table (routes.ts) as before.
import type { RequestListener } from "node:http";
import { checkReadiness, READINESS_TIMEOUT_MS } from "@oauth-flow-lab/db/readiness";
import { sendJson } from "./http.ts";

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
