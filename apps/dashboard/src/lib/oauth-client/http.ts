// How every request of the client core goes out: through an injected fetch (oauth4webapi's
// `customFetch`), with a timeout and the X-Request-Id of the request being served (../request-id.ts;
// none outside a request). No environment, no "server-only", so it runs in unit tests.
import * as oauth from "oauth4webapi";
import { withRequestId } from "../request-id";

/**
 * The transport a protocol step uses. `fetch` is handed to oauth4webapi as its `customFetch`: the
 * guided flow passes a recording fetch, the real dashboard the global one, the tests a fake server.
 */
export type Http = {
  fetch?: typeof fetch | undefined;
  /** Milliseconds before the request is abandoned (default 10 s). */
  timeoutMs?: number | undefined;
};

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * oauth4webapi's request options. `configured` is the URL the operator configured for the party we
 * talk to: the issuer (for every endpoint of the authorization server, whose metadata cannot relax it)
 * or the resource server's base URL.
 *
 * WARNING: oauth4webapi refuses plain-HTTP endpoints unless `allowInsecureRequests` is set (RFC 6749
 * §3.1 / §3.2 require TLS). The lab runs on http://localhost, so the option is set only when that
 * configured URL is itself http: with an https issuer the library's check stays on for every endpoint.
 */
export function requestOptions(configured: string, http: Http = {}) {
  const send = http.fetch ?? fetch;
  return {
    // oauth4webapi types the body as its own union (URLSearchParams, string, bytes, stream, null): all
    // of them are a fetch BodyInit at run time; TypeScript's DOM typings only disagree on Uint8Array.
    [oauth.customFetch]: async (target: string, options: oauth.CustomFetchOptions<string, unknown>) =>
      send(target, { ...options, headers: await withRequestId(options.headers), body: options.body as BodyInit | null | undefined }),
    // Deprecated by oauth4webapi on purpose, to stand out: see the warning above.
    [oauth.allowInsecureRequests]: new URL(configured).protocol === "http:",
    signal: AbortSignal.timeout(http.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  };
}
