import { bearerChallenge, InsufficientScope, InvalidToken, NO_STORE_HEADERS, oauthErrorResponse } from "@oauth-flow-lab/oauth";
import { env } from "@/env";
import { preflight, withCors } from "@/lib/cors";
import { db } from "@/lib/db";
import { jsonEndpoint, jsonResponse } from "@/lib/http";
import { checkLog, traceIdFromRequest } from "@/lib/trace";
import { protocolDependencies } from "@/protocol/dependencies";
import { userinfo } from "@/protocol/userinfo";

export const dynamic = "force-dynamic";

/** OpenID Connect Core §5.3; errors per RFC 6750 §3. */
async function handle(request: Request) {
  const log = checkLog("/userinfo");
  return jsonEndpoint(async () => {
    try {
      return jsonResponse(await userinfo(protocolDependencies(env(), db()), request.headers.get("authorization"), log));
    } catch (error) {
      if (error instanceof InvalidToken || error instanceof InsufficientScope) {
        return oauthErrorResponse(error, { ...NO_STORE_HEADERS, "WWW-Authenticate": bearerChallenge("userinfo", error) });
      }
      throw error;
    } finally {
      await log.flush(traceIdFromRequest(request));
    }
  }, request);
}

export async function GET(request: Request) {
  return withCors(request, await handle(request));
}

export async function POST(request: Request) {
  return withCors(request, await handle(request));
}

export function OPTIONS(request: Request) {
  return preflight(request, "GET, POST");
}
