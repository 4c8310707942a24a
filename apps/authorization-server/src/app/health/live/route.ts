// Liveness: the process serves HTTP. It does not touch the database, so that an orchestrator never
// restarts an instance because PostgreSQL is away (readiness, /health/ready, says that).
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "live" }, { headers: { "Cache-Control": "no-store" } });
}
