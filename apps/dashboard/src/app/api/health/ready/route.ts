// Readiness: the dashboard has no database; what it needs to sign anyone in is the authorization
// server's metadata (RFC 8414 §3). Reachable within a short timeout: 200; otherwise a 503 with a short
// JSON body, never a hang. The mail API is not included: without it the dashboard still signs in and
// says the inbox is unavailable.
import { env } from "@/env";

export const dynamic = "force-dynamic";

/** Shorter than the load balancer's check timeout (2 s). */
const TIMEOUT_MS = 1500;

export async function GET(): Promise<Response> {
  const discovery = `${env().ISSUER}/.well-known/openid-configuration`;
  const reason = await fetch(discovery, { signal: AbortSignal.timeout(TIMEOUT_MS), cache: "no-store" }).then(
    (response) => (response.ok ? undefined : `the authorization server's metadata answered ${response.status}`),
    () => `the authorization server's metadata did not answer within ${TIMEOUT_MS} ms`,
  );
  return Response.json(reason === undefined ? { status: "ready" } : { status: "unavailable", reason }, {
    status: reason === undefined ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
