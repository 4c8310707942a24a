import { jsonResponse } from "@/lib/http";
import { traceEvents } from "@/lib/trace";

export const dynamic = "force-dynamic";

/** The teaching side channel: what the AS checked for one guided flow. 404 when tracing is off. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const events = traceEvents((await params).id);
  if (events === undefined) return jsonResponse({ error: "not_found" }, 404);
  return jsonResponse({ events });
}
