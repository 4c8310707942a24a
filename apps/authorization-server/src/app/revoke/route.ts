import { env } from "@/env";
import { preflight, withCors } from "@/lib/cors";
import { db } from "@/lib/db";
import { jsonEndpoint, methodNotAllowed } from "@/lib/http";
import { checkLog, traceIdFromRequest } from "@/lib/trace";
import { protocolDependencies } from "@/protocol/dependencies";
import { revokeToken } from "@/protocol/revocation";

export const dynamic = "force-dynamic";

/** RFC 7009 §2: 200 with an empty body whenever the client authenticated. */
export async function POST(request: Request) {
  const log = checkLog("/revoke");
  return withCors(
    request,
    await jsonEndpoint(async () => {
      try {
        await revokeToken(protocolDependencies(env(), db()), request, log);
      } finally {
        await log.flush(traceIdFromRequest(request));
      }
      return new Response(null, { status: 200, headers: { "Cache-Control": "no-store" } });
    }, request),
  );
}

export function OPTIONS(request: Request) {
  return preflight(request, "POST");
}

export function GET() {
  return methodNotAllowed("POST");
}
