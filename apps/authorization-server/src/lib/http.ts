// Turning protocol outcomes into HTTP: the one place where errors become responses.
import "server-only";
import { isDatabaseUnavailable } from "@oauth-flow-lab/db/unavailable";
import {
  isSameHostPath,
  NO_STORE_HEADERS,
  OAuthError,
  oauthErrorResponse,
  ServerError,
  TemporarilyUnavailable,
} from "@oauth-flow-lab/oauth";
import { redirect } from "next/navigation";
import { errorFields, requestLogger, withRequestLog } from "./log";

/**
 * Runs a JSON endpoint; OAuth errors become RFC 6749 §5.2 responses, anything else a bare server_error.
 * With the request: its id and its access line (lib/log.ts withRequestLog).
 */
export async function jsonEndpoint(run: () => Promise<Response>, request?: Request): Promise<Response> {
  return request ? withRequestLog(request, () => answer(run)) : answer(run);
}

async function answer(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof OAuthError) {
      // A failed HTTP Basic authentication carries its challenge (RFC 6749 §5.2, RFC 7617 §2).
      const challenge = (error as { challenge?: unknown }).challenge;
      return oauthErrorResponse(error, typeof challenge === "string" ? { "WWW-Authenticate": challenge } : {});
    }
    if (isDatabaseUnavailable(error)) {
      // The database is down or cut off: nothing is wrong with the request, the client may retry it.
      (await requestLogger()).warn(errorFields(error), "database unavailable");
      return oauthErrorResponse(new TemporarilyUnavailable("the authorization server is temporarily unavailable, try again later"), {
        "Retry-After": "5",
      });
    }
    (await requestLogger()).error(errorFields(error), "unexpected error");
    return oauthErrorResponse(new ServerError("the server could not process the request"));
  }
}

/**
 * What an HTML endpoint does with an unexpected error: logs it (with the request's id), and answers the
 * 503 page when the database is unreachable; undefined otherwise (the route answers as it always did).
 */
export async function htmlEndpointFailure(error: unknown, what: string, retry?: string): Promise<Response | undefined> {
  const log = await requestLogger();
  if (isDatabaseUnavailable(error)) {
    log.warn(errorFields(error), `${what}: database unavailable`);
    return unavailablePage(retry);
  }
  log.error(errorFields(error), what);
  return undefined;
}

/**
 * A page's database reads. A page (server component) cannot choose its status, so when the database is
 * unreachable it sends the browser to /unavailable (the 503 page, on this server), whose "Try again"
 * comes back to `here`.
 */
export async function loadOrUnavailable<T>(load: () => Promise<T>, here: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    (await requestLogger()).warn(errorFields(error), `${here.split("?")[0]}: database unavailable`);
    redirect(`/unavailable?${new URLSearchParams({ retry: here })}`);
  }
}

export function jsonResponse(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE_HEADERS });
}

export function methodNotAllowed(allow: string): Response {
  return new Response(JSON.stringify({ error: "invalid_request", error_description: "method not allowed" }), {
    status: 405,
    headers: { ...NO_STORE_HEADERS, Allow: allow, "Content-Type": "application/json" },
  });
}

/** 303 See Other: after a form POST the browser must follow with GET (RFC 9700 §4.12, never 307). */
export function seeOther(url: URL | string): Response {
  return new Response(null, { status: 303, headers: { Location: url.toString(), ...NO_STORE_HEADERS } });
}

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

/**
 * The error page for requests whose client or redirect_uri cannot be trusted (RFC 6749 §4.1.2.1):
 * shown here, with status 400, and never redirected.
 */
export function authorizationErrorPage(error: OAuthError): Response {
  return errorPage(
    "Sign-in error",
    "This sign-in request can't be completed",
    error,
    "The application that sent you here could not be verified (an unknown <code>client_id</code>, or a redirect address it never registered), so for your safety you were not sent back to it. Close this page and tell the application's developer.",
  );
}

/**
 * The error page of the end_session_endpoint (OpenID Connect RP-Initiated Logout 1.0 §3): an
 * unverifiable id_token_hint or an unregistered post_logout_redirect_uri is shown here, never redirected to.
 */
export function endSessionErrorPage(error: OAuthError): Response {
  return errorPage(
    "Sign-out error",
    "This sign-out request can't be completed",
    error,
    "The application that sent you here could not be verified (an ID token this server did not issue, or a return address it never registered), so you were not sent back to it and your LabMail session was left as it was. Close this page and tell the application's developer.",
  );
}

/**
 * An HTML endpoint or page whose database is unreachable: 503 with Retry-After, a plain page, never a
 * redirect to the client. RFC 6749 §4.1.2.1 lets the AS send `temporarily_unavailable` back to the
 * client, but only once the client_id and redirect_uri are verified, and their registration is in the
 * unreachable database: an unverified redirect_uri "MUST NOT" be redirected to. Nor is the outage the
 * client's fault: the user reloads this page in a moment and the flow goes on where it stopped.
 * `retry`: where "Try again" leads (a path on this server; the current page when absent).
 */
export function unavailablePage(retry?: string): Response {
  const href = isSameHostPath(retry) ? retry : "";
  const html = page(
    "Temporarily unavailable",
    "#d97706",
    `<h1>LabMail is temporarily unavailable</h1>
<p>LabMail cannot reach its data right now. Nothing is wrong with your request: try again in a moment.</p>
<p><a class="button" href="${escapeHtml(href)}">Try again</a></p>`,
  );
  return new Response(html, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": "5", ...NO_STORE_HEADERS },
  });
}

function page(title: string, accent: string, mainHtml: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · LabMail Accounts</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f1f5f9;color:#0f172a;margin:0;display:grid;place-items:center;min-height:100vh}
main{background:#fff;max-width:36rem;margin:1rem;padding:2.5rem;border-radius:1rem;box-shadow:0 10px 30px rgba(15,23,42,.1);border-top:6px solid ${accent}}
h1{font-size:1.75rem;margin:0 0 1rem}p{font-size:1.15rem;line-height:1.6}code{background:#fee2e2;color:#991b1b;padding:.15rem .4rem;border-radius:.3rem}
.button{display:inline-block;background:#2563eb;color:#fff;text-decoration:none;font-weight:600;padding:.7rem 1.4rem;border-radius:.6rem}
.brand{font-weight:700;color:#2563eb;letter-spacing:.02em;margin-bottom:1.5rem}</style></head>
<body><main role="main"><div class="brand">LabMail Accounts</div>${mainHtml}
</main></body></html>`;
}

function errorPage(title: string, heading: string, error: OAuthError, explanationHtml: string): Response {
  const html = page(
    title,
    "#dc2626",
    `<h1>${heading}</h1>
<p><code>${escapeHtml(error.error)}</code>: ${escapeHtml(error.error_description)}.</p>
<p>${explanationHtml}</p>`,
  );
  return new Response(html, {
    status: 400,
    headers: { "Content-Type": "text/html; charset=utf-8", ...NO_STORE_HEADERS },
  });
}

/**
 * True when the browser says the form was posted from an AS page (OWASP CSRF Prevention Cheat Sheet,
 * "Fetch Metadata headers" and "Verifying Origin With Standard Headers"). Both are headers a page cannot
 * set. `Origin` alone is not enough: under the AS's `Referrer-Policy: no-referrer` a browser sends
 * `Origin: null` with a form POST, so `Sec-Fetch-Site: same-origin` is what our own pages carry.
 */
export function postedFromThisSite(headers: Headers, issuer: string): boolean {
  return headers.get("sec-fetch-site") === "same-origin" || headers.get("origin") === new URL(issuer).origin;
}
