// Next 16 Proxy (formerly middleware), on the inbox routes only: renews the access token before the
// page renders. Server components cannot set cookies, so a refresh done while rendering would lose
// the rotated refresh token; here we can write the new session cookie both onto the request that
// continues to the page and onto the response for the browser.
import { decode, encode } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/env";
import { buildContentSecurityPolicy } from "@/lib/content-security-policy";
import { refreshSessionTokens } from "@/lib/authorization-server";
import { epochSeconds } from "@/lib/oauth/token-expiry";
import { authCookies, chunkCookie, isSessionCookiePart, readChunkedCookie, SESSION_MAX_AGE } from "@/lib/session-cookie";
import { renewSession } from "@/lib/session-renewal";
import { parseSessionToken, type SessionToken } from "@/lib/session-token";

export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (request.nextUrl.pathname === "/spa") return spaPolicy();
  const { NEXTAUTH_URL, NEXTAUTH_SECRET } = env();
  const cookie = authCookies(NEXTAUTH_URL).sessionToken;
  const raw = readChunkedCookie(request.cookies.getAll(), cookie.name);
  if (!raw) return NextResponse.next(); // signed out: the page redirects to /

  let token: SessionToken | undefined;
  try {
    token = parseSessionToken(await decode({ token: raw, secret: NEXTAUTH_SECRET }));
  } catch {
    token = undefined;
  }
  if (!token) return NextResponse.next(); // unreadable cookie: next-auth treats it as signed out too

  const outcome = await renewSession(token, { now: () => epochSeconds(), refresh: refreshSessionTokens });
  switch (outcome.kind) {
    case "valid":
      return NextResponse.next();
    case "ended": {
      console.info(`[dashboard] session ended: ${outcome.reason}`);
      const response = NextResponse.redirect(new URL("/?error=SessionExpired", NEXTAUTH_URL));
      for (const { name } of request.cookies.getAll()) {
        if (isSessionCookiePart(name, cookie.name)) response.cookies.set(name, "", { ...cookie.options, maxAge: 0 });
      }
      return response;
    }
    case "unavailable":
      console.warn(`[dashboard] could not refresh the access token: ${outcome.reason}`);
      if (token.error) return NextResponse.next(); // already flagged
      return withSessionToken(request, outcome.token);
    case "refreshed":
      return withSessionToken(request, outcome.token);
  }
}

/** Re-encrypts the session (as next-auth's jwt.encode would) and sets it on the request and the response. */
async function withSessionToken(request: NextRequest, token: SessionToken): Promise<NextResponse> {
  const { NEXTAUTH_URL, NEXTAUTH_SECRET } = env();
  const cookie = authCookies(NEXTAUTH_URL).sessionToken;
  const value = await encode({ token, secret: NEXTAUTH_SECRET, maxAge: SESSION_MAX_AGE });
  const chunks = chunkCookie(cookie.name, value);
  const stale = request.cookies
    .getAll()
    .map((c) => c.name)
    .filter((name) => isSessionCookiePart(name, cookie.name) && !chunks.some((chunk) => chunk.name === name));

  // The request that continues to the page: server components read the new token from it.
  for (const name of stale) request.cookies.delete(name);
  for (const chunk of chunks) request.cookies.set(chunk.name, chunk.value);
  const response = NextResponse.next({ request: { headers: request.headers } });

  // The response: the browser stores the new token (and forgets chunks it no longer needs).
  const expires = new Date(Date.now() + SESSION_MAX_AGE * 1000);
  for (const name of stale) response.cookies.set(name, "", { ...cookie.options, maxAge: 0 });
  for (const chunk of chunks) response.cookies.set(chunk.name, chunk.value, { ...cookie.options, expires });
  return response;
}

/** /spa (the browser-based public client) may connect to the AS and the mail API, nothing else. */
function spaPolicy(): NextResponse {
  const { ISSUER, MAIL_API_URL } = env();
  const response = NextResponse.next();
  response.headers.set(
    "Content-Security-Policy",
    buildContentSecurityPolicy({ dev: false, connectSrc: [new URL(ISSUER).origin, new URL(MAIL_API_URL).origin] }),
  );
  return response;
}

export const config = {
  matcher: ["/inbox/:path*", "/spa"],
};
