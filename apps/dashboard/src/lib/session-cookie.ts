// The cookies next-auth sets for us, named once here and handed to next-auth (`authOptions.cookies`),
// so that the proxy and server components can find the session cookie without guessing.
// No next or next-auth imports: unit tests load this under plain node.

/** How long a dashboard session cookie lives (next-auth `session.maxAge`): a school day. */
export const SESSION_MAX_AGE = 8 * 60 * 60;

/** The options next-auth v4 uses by default (core/lib/cookie.js), made explicit. */
export type CookieOptions = {
  httpOnly: boolean;
  sameSite: "lax";
  path: string;
  secure: boolean;
  maxAge?: number;
};

/** next-auth keeps the state, PKCE verifier and nonce for 15 minutes: the time a sign-in may take. */
const CHECK_COOKIE_MAX_AGE = 15 * 60;

/**
 * Names and options of next-auth's cookies. Over https they carry the `__Secure-` prefix
 * (RFC 6265bis §4.1.3.1), like next-auth's defaults.
 */
export function authCookies(dashboardUrl: string) {
  const secure = dashboardUrl.startsWith("https://");
  const prefix = secure ? "__Secure-" : "";
  const options: CookieOptions = { httpOnly: true, sameSite: "lax", path: "/", secure };
  return {
    sessionToken: { name: `${prefix}next-auth.session-token`, options },
    callbackUrl: { name: `${prefix}next-auth.callback-url`, options },
    csrfToken: { name: `${secure ? "__Host-" : ""}next-auth.csrf-token`, options },
    pkceCodeVerifier: { name: `${prefix}next-auth.pkce.code_verifier`, options: { ...options, maxAge: CHECK_COOKIE_MAX_AGE } },
    state: { name: `${prefix}next-auth.state`, options: { ...options, maxAge: CHECK_COOKIE_MAX_AGE } },
    nonce: { name: `${prefix}next-auth.nonce`, options },
  };
}

// Browsers cap a cookie at about 4096 bytes. next-auth splits a larger session JWT into
// `<name>.0`, `<name>.1`, … and joins every cookie whose name starts with `<name>`; we do exactly the same.
//
// Why a copy and not next-auth's configuration: next-auth 4.24 writes the session cookie only from its
// own route handler. Its chunking (SessionStore in next-auth/core/lib/cookie) is not in the package's
// `exports` map, and its public `next-auth/jwt` offers encode/decode/getToken only: nothing sets a
// cookie. The proxy has to rewrite the cookie after a refresh (the rotated refresh token must not be
// lost, and server components cannot set cookies), so it writes the chunks itself. Reading could use
// `getToken` (public; it joins the chunks), but it wants a request object, which server components do
// not have; one reader for both keeps them in agreement. next-auth is pinned (4.24.15) and
// session-cookie.test.ts fixes the format.
const ALLOWED_COOKIE_SIZE = 4096;
const ESTIMATED_EMPTY_COOKIE_SIZE = 163;
const CHUNK_SIZE = ALLOWED_COOKIE_SIZE - ESTIMATED_EMPTY_COOKIE_SIZE;

export type NamedValue = { name: string; value: string };

/** True for the cookie itself and for its chunks. */
export function isSessionCookiePart(cookieName: string, sessionCookieName: string): boolean {
  return cookieName.startsWith(sessionCookieName);
}

/** Joins a (possibly chunked) cookie back together, as next-auth's SessionStore does. */
export function readChunkedCookie(cookies: readonly NamedValue[], name: string): string | undefined {
  const parts = cookies.filter((c) => isSessionCookiePart(c.name, name));
  if (parts.length === 0) return undefined;
  const suffix = (n: string) => Number.parseInt(n.split(".").pop() ?? "0", 10);
  const sorted = [...parts].sort((a, b) => (suffix(a.name) || 0) - (suffix(b.name) || 0));
  return sorted.map((c) => c.value).join("");
}

/** Splits a value into cookies that each fit the browser's limit. */
export function chunkCookie(name: string, value: string): NamedValue[] {
  const count = Math.ceil(value.length / CHUNK_SIZE);
  if (count <= 1) return [{ name, value }];
  return Array.from({ length: count }, (_, i) => ({ name: `${name}.${i}`, value: value.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE) }));
}
