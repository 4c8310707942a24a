// Runs before routing. A path with broken percent-encoding (`/interaction/%FF`) makes Next.js fail
// while decoding it, with a bare 500; answer 400 here instead (never a 5xx for bad input).
import { type NextRequest, NextResponse } from "next/server";

export function proxy(request: NextRequest): NextResponse {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse("Bad request: malformed URL encoding.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return NextResponse.next();
}

export const config = { matcher: "/interaction/:path*" };
