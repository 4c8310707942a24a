// Shows an authorization error (RFC 6749 §4.1.2.1), such as a refused consent, on our landing page
// with its real error code. next-auth v4 would turn every such response into `?error=Callback`,
// losing the difference between "you said no" and "something broke".
//
// Why not next-auth's configuration: in 4.24 the OAuth callback throws on `?error=` before it checks
// `state`, and always redirects to `pages.error` with `Callback`/`OAuthCallback`; the `logger` and
// `events` options see the code but cannot change the redirect, and no callback runs for an error
// response. So the genuine error (state and iss checked) is answered here, before next-auth. Reading
// its state cookie uses the public `next-auth/jwt` decode; only the cookie's content `{ value, provider }`
// and its salt (the cookie name) are next-auth's internals, pinned with next-auth 4.24.15.
import "server-only";
import type { NextRequest } from "next/server";
import { decode } from "next-auth/jwt";
import { env } from "@/env";
import { isFromIssuer, parseAuthorizationErrorResponse } from "./oauth/authorization-error-response";
import { authCookies } from "./session-cookie";

/**
 * For `GET /api/auth/callback/labmail?error=…`: returns a redirect to `/?error=<code>` when the error
 * response is genuine — its `state` matches the one next-auth stored for this browser (RFC 6749
 * §10.12) and it carries `iss`, our authorization server (RFC 9207 §2.4: required, since our AS
 * advertises it). Otherwise returns undefined and next-auth handles the request (and rejects it).
 */
export async function authorizationErrorRedirect(request: NextRequest, providerId: string): Promise<Response | undefined> {
  const response = parseAuthorizationErrorResponse(request.nextUrl.searchParams);
  if (!response || response.state === undefined) return undefined;
  const e = env();
  // RFC 9207 §2.4: `iss` is required (our AS always sends it); a response without it is not ours.
  if (!isFromIssuer(response, e.ISSUER)) return undefined;

  const cookies = authCookies(e.NEXTAUTH_URL);
  const stateCookie = request.cookies.get(cookies.state.name)?.value;
  if (!stateCookie) return undefined;
  let stored: unknown;
  try {
    // next-auth 4.24 keeps the state as an encrypted JWT `{ value, provider }`, salted with the cookie name.
    stored = await decode({ token: stateCookie, secret: e.NEXTAUTH_SECRET, salt: cookies.state.name });
  } catch {
    return undefined;
  }
  if (!isStoredState(stored) || stored.value !== response.state || stored.provider !== providerId) return undefined;

  const location = new URL("/", e.NEXTAUTH_URL);
  location.searchParams.set("error", response.error);
  const redirect = new Response(null, { status: 302, headers: { location: location.href, "cache-control": "no-store" } });
  // The sign-in attempt is over: its state, PKCE verifier and nonce are spent.
  for (const { name, options } of [cookies.state, cookies.pkceCodeVerifier, cookies.nonce]) {
    const secure = options.secure ? "; Secure" : "";
    redirect.headers.append("set-cookie", `${name}=; Path=${options.path}; Max-Age=0; HttpOnly; SameSite=Lax${secure}`);
  }
  return redirect;
}

function isStoredState(value: unknown): value is { value: string; provider: string } {
  return typeof value === "object" && value !== null && "value" in value && "provider" in value;
}
