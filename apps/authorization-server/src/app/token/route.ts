import { env } from "@/env";
import { preflight, withCors } from "@/lib/cors";
import { db } from "@/lib/db";
import { jsonEndpoint, jsonResponse, methodNotAllowed } from "@/lib/http";
import { checkLog, traceIdFromRequest } from "@/lib/trace";
import { protocolDependencies } from "@/protocol/dependencies";
import { handleTokenRequest } from "@/protocol/token";

export const dynamic = "force-dynamic";

/** RFC 6749 §3.2: POST only; responses carry Cache-Control: no-store (§5.1). */
export async function POST(request: Request) {
  const log = checkLog("/token");
  return withCors(request, await jsonEndpoint(async () => {
    try {
      return jsonResponse(await handleTokenRequest(protocolDependencies(env(), db()), request, log));
    } finally {
      await log.flush(traceIdFromRequest(request));
    }
  }));
}

export function OPTIONS(request: Request) {
  return preflight(request, "POST");
}

export function GET() {
  return methodNotAllowed("POST");
}
