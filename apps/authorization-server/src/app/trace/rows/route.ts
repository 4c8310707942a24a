// The teaching view of stored rows at the AS (teaching mode only; 404 otherwise, as if it did not exist).
//   GET /trace/rows  with the flow's capability in x-flow-trace: the AS's rows for this flow, as stored
//                    (teaching/stored-rows.ts). Without a valid capability: the same 404 as GET /trace.
import { TRACE_CAPABILITY_HEADER } from "@oauth-flow-lab/lab";
import { jsonEndpoint, jsonResponse } from "@/lib/http";
import { teachingMode } from "@/lib/trace";
import { readStoredRows } from "@/teaching/stored-rows";

export const dynamic = "force-dynamic";

const notFound = () => jsonResponse({ error: "not_found" }, 404);

export async function GET(request: Request) {
  return jsonEndpoint(async () => {
    if (!teachingMode()) return notFound();
    const rows = await readStoredRows(request.headers.get(TRACE_CAPABILITY_HEADER) ?? "");
    return rows === undefined ? notFound() : jsonResponse(rows);
  }, request);
}
