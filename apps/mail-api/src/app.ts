// The request listener: route, authorize, run the handler, and turn every error into a JSON answer.
// No stack trace or internal detail ever reaches a client; unexpected errors are logged to stderr.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import {
  InsufficientScope,
  InvalidRequest,
  InvalidToken,
  OAuthError,
  ServerError,
  TRACE_HEADER,
  TemporarilyUnavailable,
  bearerChallenge,
  type Scope,
} from "@oauth-flow-lab/oauth";
import { decodeProtectedHeader } from "jose";
import { HttpError, MethodNotAllowed, NotFound, sendJson } from "./http.ts";
import type { Trace } from "./trace.ts";
import { MailboxNotFound, type Mailbox } from "./mailbox.ts";
import { routes, type RouteContext } from "./routes.ts";
import {
  MissingBearerToken,
  REALM,
  extractBearerToken,
  requireScopes,
  type AccessTokenVerifier,
  type VerifiedAccessToken,
} from "./verify-access-token.ts";

export type AppDependencies = {
  verifier: AccessTokenVerifier;
  mailbox: Mailbox;
  /** Origins of browser-based (public) clients allowed to call this API across origins (CORS). */
  corsOrigins?: readonly string[];
  /** The teaching trace (TRACE=1): absent, nothing is recorded and /trace answers 404. */
  trace?: Trace;
  /** One line per request; stdout by default. */
  log?: (line: string) => void;
  logError?: (message: string, error: unknown) => void;
};

/**
 * A failure of bearer authentication: answered with a `WWW-Authenticate` challenge (RFC 6750 §3).
 * `oauthError` is undefined when the request had no credentials: then the challenge has no error code.
 */
class BearerAuthenticationFailure extends Error {
  constructor(readonly oauthError: InvalidToken | InsufficientScope | InvalidRequest | undefined) {
    super(oauthError?.error_description ?? "no credentials");
  }
}

export function createRequestListener(deps: AppDependencies): RequestListener {
  const log = deps.log ?? ((line: string) => console.log(line));
  const logError = deps.logError ?? ((message: string, error: unknown) => console.error(message, error));

  return (req, res) => {
    const started = performance.now();
    // Only the method and the path are logged: never the query (it could hold a token) or headers.
    let path = "?";
    res.on("close", () => {
      const ms = (performance.now() - started).toFixed(1);
      log(`${req.method ?? "?"} ${path} ${res.statusCode}${res.writableFinished ? "" : " (aborted)"} ${ms}ms`);
    });
    void (async () => {
      try {
        const url = new URL(req.url ?? "/", "http://mail-api.invalid");
        path = url.pathname;
        await handle(req, res, url, deps);
      } catch (error) {
        sendError(res, error, logError);
      }
    })();
  };
}

const TRACE_PATH = /^\/trace\/([A-Za-z0-9_-]{43})$/;

async function handle(req: IncomingMessage, res: ServerResponse, url: URL, deps: AppDependencies): Promise<void> {
  // CORS for browser-based clients: only listed origins, never with cookies (the token is the credential).
  const origin = req.headers.origin;
  if (origin !== undefined && deps.corsOrigins?.includes(origin)) {
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Access-Control-Expose-Headers", "WWW-Authenticate");
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "Access-Control-Allow-Methods": "GET, POST",
        "Access-Control-Allow-Headers": `authorization, content-type, ${TRACE_HEADER}`,
        "Access-Control-Max-Age": "600",
        Vary: "Origin",
      });
      res.end();
      return;
    }
  }
  res.setHeader("Vary", "Origin");
  const traced = TRACE_PATH.exec(url.pathname);
  if (traced?.[1] && deps.trace && req.method === "GET") {
    sendJson(res, 200, { events: deps.trace.read(traced[1]) ?? [] });
    return;
  }
  const route = routes.find((r) => r.pattern.test(url.pathname));
  if (!route) throw new NotFound();
  const handler = route.methods[req.method ?? ""];
  if (!handler) throw new MethodNotAllowed(Object.keys(route.methods));

  const ctx: RouteContext = {
    req,
    url,
    params: route.pattern.exec(url.pathname)?.slice(1) ?? [],
    mailbox: deps.mailbox,
    authorize: (scope) => authorize(req, url, scope, deps.verifier, deps.trace),
  };
  const result = await handler(ctx);
  sendJson(res, result.status, result.body);
}

/** RFC 6750 §2.1 and §3: the bearer token, verified, with the scope the route needs. */
async function authorize(
  req: IncomingMessage,
  url: URL,
  scope: Scope,
  verifier: AccessTokenVerifier,
  trace: Trace | undefined,
): Promise<VerifiedAccessToken> {
  const endpoint = `${req.method ?? "?"} ${url.pathname}`;
  try {
    const raw = extractBearerToken(req.headersDistinct.authorization, url);
    const token = await verifier.verify(raw);
    requireScopes(token, [scope]);
    trace?.record(req, endpoint, verifiedChecks(raw, token, scope));
    return token;
  } catch (error) {
    const reason = error instanceof OAuthError ? `${error.error}: ${error.error_description}` : "no Bearer token";
    trace?.record(req, endpoint, [{ check: "Access token accepted", ok: false, detail: reason, rfc: "RFC 6750 §3.1" }]);
    if (error instanceof MissingBearerToken) throw new BearerAuthenticationFailure(undefined);
    if (error instanceof InvalidToken || error instanceof InsufficientScope || error instanceof InvalidRequest) {
      throw new BearerAuthenticationFailure(error);
    }
    throw error;
  }
}

/** The one place errors become responses: `{error, error_description}` and `Cache-Control: no-store`. */
function sendError(res: ServerResponse, error: unknown, logError: (message: string, error: unknown) => void): void {
  if (res.headersSent) {
    logError("mail-api: error after the response started", error);
    res.destroy();
    return;
  }
  if (error instanceof BearerAuthenticationFailure) {
    const challenge = { "WWW-Authenticate": bearerChallenge(REALM, error.oauthError) };
    if (error.oauthError === undefined) sendJson(res, 401, undefined, challenge);
    else sendJson(res, error.oauthError.status, error.oauthError.toJSON(), challenge);
    return;
  }
  if (error instanceof TemporarilyUnavailable) {
    sendJson(res, error.status, error.toJSON(), { "Retry-After": "5" });
    return;
  }
  if (error instanceof OAuthError || error instanceof HttpError) {
    sendJson(res, error.status, error.toJSON(), error instanceof HttpError ? error.headers : {});
    return;
  }
  if (error instanceof MailboxNotFound) {
    sendJson(res, 404, new NotFound("there is no mailbox for this account").toJSON());
    return;
  }
  logError("mail-api: unexpected error", error);
  sendJson(res, 500, { error: new ServerError("").error });
}

/** For the trace: the checks a token that was just accepted passed (RFC 9068 §4, RFC 6750). */
function verifiedChecks(raw: string, token: VerifiedAccessToken, scope: Scope) {
  const { kid } = decodeProtectedHeader(raw);
  return [
    { check: "Bearer token in the Authorization header", ok: true, rfc: "RFC 6750 §2.1" },
    { check: "typ is at+jwt and the signature verifies with the AS's key from its JWKS", ok: true, detail: `kid ${kid ?? "?"}`, rfc: "RFC 9068 §4" },
    { check: "iss is the authorization server; aud is this API", ok: true, rfc: "RFC 9068 §4" },
    { check: "Not expired", ok: true, detail: `exp ${new Date(token.exp * 1000).toISOString()}`, rfc: "RFC 9068 §4" },
    { check: `The scope includes ${scope}`, ok: true, detail: token.scope, rfc: "RFC 6750 §3.1" },
    { check: "Still active at the AS (introspection, rechecked every 5 s)", ok: true, rfc: "RFC 7662 §2.2" },
    { check: "Only this user's own mailbox is read", ok: true, detail: `sub ${token.sub}` },
  ];
}
