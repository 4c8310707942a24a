// Liveness: the process serves HTTP (the same answer as /api/health, kept for scripts that use it).
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "live" }, { headers: { "Cache-Control": "no-store" } });
}
