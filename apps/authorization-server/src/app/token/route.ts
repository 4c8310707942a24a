import { jsonEndpoint, jsonResponse, methodNotAllowed } from "@/lib/http";
import { handleTokenRequest } from "@/protocol/grants";

export const dynamic = "force-dynamic";

/** RFC 6749 §3.2: POST only; responses carry Cache-Control: no-store (§5.1). */
export function POST(request: Request) {
  return jsonEndpoint(async () => jsonResponse(await handleTokenRequest(request)));
}

export function GET() {
  return methodNotAllowed("POST");
}
