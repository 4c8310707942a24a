// Runs before routing, on the pages and their forms (Next 16 Proxy, Node.js runtime; see the matcher).
// 1. The request's id: a valid incoming X-Request-Id (a client's, the dashboard's) is kept, anything
//    else replaced; the routes read it from the request header set here (lib/log.ts), the response
//    carries it back, and one access line per request names it (method and path only: never the query
//    string, which can hold a code or a state, nor a header or the body).
// 2. A path with broken percent-encoding (`/interaction/%FF`) makes Next.js fail while decoding it,
//    with a bare 500; answer 400 here instead (never a 5xx for bad input).
import { REQUEST_ID_HEADER, requestIdFrom } from "@oauth-flow-lab/log";
import { type NextRequest, NextResponse } from "next/server";
import { logger } from "@/lib/log";

export function proxy(request: NextRequest): NextResponse {
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
  logger().info({ request_id: requestId, method: request.method, path: request.nextUrl.pathname }, "request");
  let response: NextResponse;
  try {
    decodeURIComponent(request.nextUrl.pathname);
    const headers = new Headers(request.headers);
    headers.set(REQUEST_ID_HEADER, requestId);
    response = NextResponse.next({ request: { headers } });
  } catch {
    response = new NextResponse("Bad request: malformed URL encoding.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

// The pages and their forms. Not Next's own assets, nor the health checks, nor the protocol endpoints
// (/authorize and the JSON ones): those log and tag their requests themselves (lib/log.ts
// withRequestLog), because a proxy in front of them cost about as much CPU as the route did.
export const config = {
  matcher: "/((?!_next/static|_next/image|favicon.ico|health/|authorize|token|revoke|introspect|userinfo|jwks|\\.well-known/|trace).*)",
};
