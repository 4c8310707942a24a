import { jsonEndpoint, jsonResponse } from "@/lib/http";
import { authorizationServerMetadata } from "@/protocol/metadata";

export const dynamic = "force-dynamic";

/** RFC 8414 §3 */
export function GET(request: Request) {
  return jsonEndpoint(async () => jsonResponse(authorizationServerMetadata()), request);
}
