// Liveness for scripts and Playwright's webServer: 200 once the app serves requests.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
