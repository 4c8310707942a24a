// Turning protocol outcomes into HTTP: the one place where errors become responses.
import "server-only";
import { isDatabaseUnavailable } from "@oauth-flow-lab/db/unavailable";
import { NO_STORE_HEADERS, OAuthError, oauthErrorResponse, ServerError, TemporarilyUnavailable } from "@oauth-flow-lab/oauth";

/** Runs a JSON endpoint; OAuth errors become RFC 6749 §5.2 responses, anything else a bare server_error. */
export async function jsonEndpoint(run: () => Promise<Response>): Promise<Response> {
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
      console.error("database unavailable", error);
      return oauthErrorResponse(new TemporarilyUnavailable("the authorization server is temporarily unavailable, try again later"), {
        "Retry-After": "5",
      });
    }
    console.error("unexpected error", error);
    return oauthErrorResponse(new ServerError("the server could not process the request"));
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

function errorPage(title: string, heading: string, error: OAuthError, explanationHtml: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · LabMail Accounts</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f1f5f9;color:#0f172a;margin:0;display:grid;place-items:center;min-height:100vh}
main{background:#fff;max-width:36rem;margin:1rem;padding:2.5rem;border-radius:1rem;box-shadow:0 10px 30px rgba(15,23,42,.1);border-top:6px solid #dc2626}
h1{font-size:1.75rem;margin:0 0 1rem}p{font-size:1.15rem;line-height:1.6}code{background:#fee2e2;color:#991b1b;padding:.15rem .4rem;border-radius:.3rem}
.brand{font-weight:700;color:#2563eb;letter-spacing:.02em;margin-bottom:1.5rem}</style></head>
<body><main role="main"><div class="brand">LabMail Accounts</div><h1>${heading}</h1>
<p><code>${escapeHtml(error.error)}</code>: ${escapeHtml(error.error_description)}.</p>
<p>${explanationHtml}</p>
</main></body></html>`;
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
