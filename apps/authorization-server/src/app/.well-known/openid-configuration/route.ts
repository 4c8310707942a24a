import { jsonEndpoint, jsonResponse } from "@/lib/http";
import { authorizationServerMetadata } from "@/protocol/metadata";

export const dynamic = "force-dynamic";

/** OpenID Connect Discovery 1.0 §4 */
export function GET(request: Request) {
  return jsonEndpoint(async () => jsonResponse(authorizationServerMetadata()), request);
}
