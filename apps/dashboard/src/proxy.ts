// Next 16 Proxy (formerly middleware), on every route. First, input no route can handle, refused once
// here with a 400: a path with broken percent-encoding (`/guided/%ED%A0%80`, `/inbox/%`), on which
// Next.js fails while decoding the route parameters with a bare 500; a next-auth callbackUrl cookie
// that next-auth's session lookup (on every page) throws on.
// Then the Content-Security-Policy of every response, with a fresh nonce (Next.js reads it from the request
// and puts it on its own scripts). Then, on the inbox routes: renews the access token before the page renders. Server components cannot
// set cookies, so a refresh done while rendering would lose the rotated refresh token; here we can
// write the new session cookie both onto the request that continues to the page and onto the response
// for the browser.

import { REQUEST_ID_HEADER, requestIdFrom } from "@oauth-flow-lab/log";
import { type NextRequest, NextResponse } from "next/server";
import { decode, encode } from "next-auth/jwt";
import { isCallbackUrl } from "@/app/api/auth/next-auth-input";
import { env } from "@/env";
import { refreshSessionTokens } from "@/lib/authorization-server";
import { buildContentSecurityPolicy, newNonce } from "@/lib/content-security-policy";
import { logger, requestLogger } from "@/lib/log";
import { epochSeconds } from "@/lib/oauth/token-expiry";
import { requestIdStorage } from "@/lib/request-id";
import { CLICKJACK_PATH, isSpaPath } from "@/lib/security-headers";
import { authCookies, chunkCookie, isSessionCookiePart, readChunkedCookie, SESSION_MAX_AGE } from "@/lib/session-cookie";
import { renewSession } from "@/lib/session-renewal";
import { parseSessionToken, type SessionToken } from "@/lib/session-token";

export async function proxy(request: NextRequest): Promise<NextResponse> {
  // The request's id (lib/request-id.ts): the pages and routes read it from the request, the browser
  // gets it back, the AS and the mail API receive it with every call made for this request.
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
  request.headers.set(REQUEST_ID_HEADER, requestId);
  // Method and path only: a query string can hold a code or a state.
  logger().info({ request_id: requestId, method: request.method, path: request.nextUrl.pathname }, "request");
  const response = await requestIdStorage.run(requestId, () => checkAndRoute(request));
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

async function checkAndRoute(request: NextRequest): Promise<NextResponse> {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return badRequest("malformed URL encoding.");
  }
  const callbackUrl = authCookies(env().NEXTAUTH_URL).callbackUrl;
  const remembered = request.cookies.get(callbackUrl.name)?.value;
  if (remembered !== undefined && !isCallbackUrl(remembered)) {
    // next-auth never sets such a value; clear it, or every page would keep refusing this browser.
    const response = badRequest(`unusable ${callbackUrl.name} cookie (cleared; reload the page).`);
    response.cookies.set(callbackUrl.name, "", { ...callbackUrl.options, maxAge: 0 });
    return response;
  }

  const policy = contentSecurityPolicy(request.nextUrl.pathname);
  request.headers.set("content-security-policy", policy);
  const response = await route(request);
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

async function route(request: NextRequest): Promise<NextResponse> {
  const { pathname } = request.nextUrl;
  if (pathname === "/inbox" || pathname.startsWith("/inbox/") || pathname === "/compose" || pathname === "/compose/send")
    return renewSessionBeforeRendering(request);
  return next(request);
}

/** Continues to the page with the request as the proxy left it (its CSP, a renewed session cookie). */
function next(request: NextRequest): NextResponse {
  return NextResponse.next({ request: { headers: request.headers } });
}

/**
 * This response's policy. /spa (the browser-based public client) may also connect to the AS and the
 * mail API; the attack lab's clickjacking page may frame LabMail (and only LabMail), so that LabMail's
 * own `frame-ancestors 'none'` is what refuses it (RFC 9700 §4.16); without the attack lab that page
 * does not exist and the policy frames nothing.
 */
function contentSecurityPolicy(pathname: string): string {
  const { ISSUER, MAIL_API_URL, ATTACK_LAB } = env();
  const base = { nonce: newNonce(), dev: process.env.NODE_ENV === "development" };
  if (isSpaPath(pathname))
    return buildContentSecurityPolicy({ ...base, connectSrc: [new URL(ISSUER).origin, new URL(MAIL_API_URL).origin] });
  if (pathname === CLICKJACK_PATH && ATTACK_LAB) return buildContentSecurityPolicy({ ...base, frameSrc: [new URL(ISSUER).origin] });
  return buildContentSecurityPolicy(base);
}

/** Never a 5xx for bad input: a 400 that says what was wrong (as the AS's proxy answers). */
function badRequest(reason: string): NextResponse {
  return new NextResponse(`Bad request: ${reason}`, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

async function renewSessionBeforeRendering(request: NextRequest): Promise<NextResponse> {
  const { NEXTAUTH_URL, NEXTAUTH_SECRET } = env();
  const cookie = authCookies(NEXTAUTH_URL).sessionToken;
  const raw = readChunkedCookie(request.cookies.getAll(), cookie.name);
  if (!raw) return next(request); // signed out: the page redirects to /

  let token: SessionToken | undefined;
  try {
    token = parseSessionToken(await decode({ token: raw, secret: NEXTAUTH_SECRET }));
  } catch {
    token = undefined;
  }
  if (!token) return next(request); // unreadable cookie: next-auth treats it as signed out too

  const outcome = await renewSession(token, { now: () => epochSeconds(), refresh: refreshSessionTokens });
  switch (outcome.kind) {
    case "valid":
      return next(request);
    case "ended": {
      (await requestLogger()).info({ reason: outcome.reason }, "session ended");
      const response = NextResponse.redirect(new URL("/?error=SessionExpired", NEXTAUTH_URL));
      for (const { name } of request.cookies.getAll()) {
        if (isSessionCookiePart(name, cookie.name)) response.cookies.set(name, "", { ...cookie.options, maxAge: 0 });
      }
      return response;
    }
    case "unavailable":
      (await requestLogger()).warn({ reason: outcome.reason }, "could not refresh the access token");
      if (token.error) return next(request); // already flagged
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
  const response = next(request);

  // The response: the browser stores the new token (and forgets chunks it no longer needs).
  const expires = new Date(Date.now() + SESSION_MAX_AGE * 1000);
  for (const name of stale) response.cookies.set(name, "", { ...cookie.options, maxAge: 0 });
  for (const chunk of chunks) response.cookies.set(chunk.name, chunk.value, { ...cookie.options, expires });
  return response;
}

// Every path: a malformed one can name any route.
export const config = { matcher: "/:path*" };
