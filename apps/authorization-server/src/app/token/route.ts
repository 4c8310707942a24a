import { env } from "@/env";
import { preflight, withCors } from "@/lib/cors";
import { db } from "@/lib/db";
import { jsonEndpoint, jsonResponse, methodNotAllowed } from "@/lib/http";
import { checkLog, traceIdFromRequest } from "@/lib/trace";
import { protocolDependencies } from "@/protocol/dependencies";
import { handleTokenRequest } from "@/protocol/token";
import type { TokenResponse } from "@/protocol/tokens";

export const dynamic = "force-dynamic";

/** RFC 6749 §3.2: POST only; responses carry Cache-Control: no-store (§5.1). */
export async function POST(request: Request) {
  const log = checkLog("/token");
  return withCors(
    request,
    await jsonEndpoint(async () => {
      let issued: TokenResponse | undefined;
      try {
        issued = await handleTokenRequest(protocolDependencies(env(), db()), request, log);
        return jsonResponse(issued);
      } finally {
        await log.flush(traceIdFromRequest(request), issued && { refresh_token: issued.refresh_token, access_token: issued.access_token });
      }
    }, request),
  );
}

export function OPTIONS(request: Request) {
  return preflight(request, "POST");
}

export function GET() {
  return methodNotAllowed("POST");
}
