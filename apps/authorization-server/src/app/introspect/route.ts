import { env } from "@/env";
import { db } from "@/lib/db";
import { jsonEndpoint, jsonResponse, methodNotAllowed } from "@/lib/http";
import { checkLog, traceIdFromRequest } from "@/lib/trace";
import { protocolDependencies } from "@/protocol/dependencies";
import { introspectToken } from "@/protocol/introspection";

export const dynamic = "force-dynamic";

/** RFC 7662 §2: POST only, for authenticated resource servers. */
export function POST(request: Request) {
  const log = checkLog("/introspect");
  return jsonEndpoint(async () => {
    try {
      return jsonResponse(await introspectToken(protocolDependencies(env(), db()), request, log));
    } finally {
      await log.flush(traceIdFromRequest(request));
    }
  }, request);
}

export function GET() {
  return methodNotAllowed("POST");
}
