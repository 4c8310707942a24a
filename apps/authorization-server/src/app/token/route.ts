import { jsonEndpoint, jsonResponse, methodNotAllowed } from "@/lib/http";
import { preflight, withCors } from "@/lib/cors";
import { checkLog, traceIdFromRequest } from "@/lib/trace";
import { handleTokenRequest } from "@/protocol/grants";

export const dynamic = "force-dynamic";

/** RFC 6749 §3.2: POST only; responses carry Cache-Control: no-store (§5.1). */
export async function POST(request: Request) {
  const log = checkLog("/token");
  return withCors(request, await jsonEndpoint(async () => {
    try {
      return jsonResponse(await handleTokenRequest(request, log));
    } finally {
      log.flush(traceIdFromRequest(request));
    }
  }));
}

export function OPTIONS(request: Request) {
  return preflight(request, "POST");
}

export function GET() {
  return methodNotAllowed("POST");
}
