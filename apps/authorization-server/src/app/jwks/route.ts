import { jsonEndpoint } from "@/lib/http";
import { publicJwks } from "@/protocol/keys";

export const dynamic = "force-dynamic";

/** RFC 7517 §5: public keys only; caches may keep them briefly. */
export function GET(request: Request) {
  return jsonEndpoint(
    async () =>
      Response.json(await publicJwks(), {
        headers: { "Content-Type": "application/jwk-set+json", "Cache-Control": "public, max-age=60" },
      }),
    request,
  );
}
