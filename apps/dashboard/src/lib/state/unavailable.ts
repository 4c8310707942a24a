// What the dashboard answers when its state store (Redis) cannot be reached: 503 with Retry-After, never
// Next's generic 500 page, never a stack, never a wait without end (store.ts bounds it). Two surfaces,
// one place each: route handlers are wrapped in `stateRoute` (the 503 page, or JSON for JSON routes);
// pages read their state through `loadOrUnavailable` and send the browser to /unavailable, the 503 page
// (a server component cannot choose its status). As the AS does on a database outage (its lib/http.ts).
import "server-only";
import { isSameHostPath, NO_STORE_HEADERS, oauthErrorResponse, TemporarilyUnavailable } from "@oauth-flow-lab/oauth";
import { redirect } from "next/navigation";
import { errorMessage, requestLogger } from "@/lib/log";
import { isStateStoreUnavailable } from "./store";

/** Browsers and clients may try again this many seconds later. */
const RETRY_AFTER_SECONDS = "5";

/**
 * How a route handler answers an outage: "json" (an RFC 6749 `temporarily_unavailable` error body),
 * "page" (the 503 page; "Try again" reloads it), or the 503 page whose "Try again" leads to
 * `retry(request)`: for a form POST, the page the form was on.
 */
export type OutageAnswer = "json" | "page" | { retry: (request: Request) => string };

/** A route handler that reads or saves state: when the store cannot be reached, a 503 as `answer` says. */
export function stateRoute<R extends Request, A extends unknown[]>(
  answer: OutageAnswer,
  handler: (request: R, ...rest: A) => Promise<Response>,
): (request: R, ...rest: A) => Promise<Response> {
  return async (request, ...rest) => {
    try {
      return await handler(request, ...rest);
    } catch (error) {
      if (!isStateStoreUnavailable(error)) throw error;
      (await requestLogger()).warn({ error: errorMessage(error) }, "state store unavailable");
      if (answer === "json") return unavailableJson();
      return unavailablePage(answer === "page" ? undefined : answer.retry(request));
    }
  };
}

/** A page's state: when the store cannot be reached, the browser goes to /unavailable, whose "Try again" comes back to `here`. */
export async function loadOrUnavailable<T>(load: () => Promise<T>, here: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (!isStateStoreUnavailable(error)) throw error;
    (await requestLogger()).warn({ error: errorMessage(error) }, `${here.split("?")[0]}: state store unavailable`);
    redirect(`/unavailable?${new URLSearchParams({ retry: here })}`);
  }
}

export function unavailableJson(): Response {
  return oauthErrorResponse(new TemporarilyUnavailable("MailDash cannot reach its session state right now, try again later"), {
    "Retry-After": RETRY_AFTER_SECONDS,
  });
}

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

/**
 * The 503 page: plain HTML with its own styles (no React, no data: it must render while the state is out
 * of reach). `retry`: where "Try again" leads, a path on this server only; the current page when absent.
 */
export function unavailablePage(retry?: string): Response {
  const href = isSameHostPath(retry) ? retry : "";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Temporarily unavailable · MailDash</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f1f5f9;color:#0f172a;margin:0;display:grid;place-items:center;min-height:100vh}
main{background:#fff;max-width:36rem;margin:1rem;padding:2.5rem;border-radius:1rem;box-shadow:0 10px 30px rgba(15,23,42,.1);border-top:6px solid #d97706}
h1{font-size:1.75rem;margin:0 0 1rem}p{font-size:1.15rem;line-height:1.6}
.button{display:inline-block;background:#2563eb;color:#fff;text-decoration:none;font-weight:600;padding:.7rem 1.4rem;border-radius:.6rem}
.brand{font-weight:700;color:#2563eb;letter-spacing:.02em;margin-bottom:1.5rem}</style></head>
<body><main role="main"><div class="brand">MailDash</div>
<h1>MailDash is temporarily unavailable</h1>
<p>MailDash cannot reach the place where it keeps your guided flows and attack runs right now. Nothing is wrong with your request: try again in a moment.</p>
<p><a class="button" href="${escapeHtml(href)}">Try again</a></p>
</main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": RETRY_AFTER_SECONDS, ...NO_STORE_HEADERS },
  });
}
