// CORS for the endpoints a browser-based (public) client calls directly: the token, revocation and
// UserInfo endpoints. Only the origins of registered public clients' redirect URIs are allowed; the
// metadata and the JWKS are public documents (any origin). Cookies are never involved (no credentials).
import "server-only";
import { TRACE_HEADER } from "@oauth-flow-lab/oauth";
import { db } from "@/lib/db";

let cached: { origins: Promise<Set<string>>; until: number } | undefined;

function allowedOrigins(): Promise<Set<string>> {
  if (cached && cached.until > Date.now()) return cached.origins;
  const origins = db()
    .client.findMany({ where: { tokenEndpointAuthMethod: "none" }, select: { redirectUris: true } })
    .then((clients) => new Set(clients.flatMap((c) => c.redirectUris.map((uri) => new URL(uri).origin))));
  cached = { origins, until: Date.now() + 60_000 };
  origins.catch(() => (cached = undefined));
  return origins;
}

async function corsHeaders(request: Request): Promise<Record<string, string>> {
  const origin = request.headers.get("origin");
  if (origin === null || !(await allowedOrigins()).has(origin)) return { Vary: "Origin" };
  return { "Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": "WWW-Authenticate", Vary: "Origin" };
}

/** Adds the CORS headers a registered public client's origin needs to read this response. */
export async function withCors(request: Request, response: Response): Promise<Response> {
  for (const [name, value] of Object.entries(await corsHeaders(request))) response.headers.set(name, value);
  return response;
}

/** The preflight (OPTIONS) answer. */
export async function preflight(request: Request, methods: string): Promise<Response> {
  const headers = await corsHeaders(request);
  if (!headers["Access-Control-Allow-Origin"]) return new Response(null, { status: 204, headers });
  return new Response(null, {
    status: 204,
    headers: {
      ...headers,
      "Access-Control-Allow-Methods": methods,
      "Access-Control-Allow-Headers": `authorization, content-type, ${TRACE_HEADER}`,
      "Access-Control-Max-Age": "600",
    },
  });
}
