import { jsonEndpoint, jsonResponse, methodNotAllowed } from "@/lib/http";
import { introspectToken } from "@/protocol/introspection";

export const dynamic = "force-dynamic";

/** RFC 7662 §2: POST only, for authenticated resource servers. */
export function POST(request: Request) {
  return jsonEndpoint(async () => jsonResponse(await introspectToken(request)));
}

export function GET() {
  return methodNotAllowed("POST");
}
