// The request listener: route, authorize, run the handler, and turn every error into a JSON answer.
// No stack trace or internal detail ever reaches a client; unexpected errors are logged.
// Each request has an id (a valid incoming X-Request-Id, or a new one), echoed in the response's
// X-Request-Id, passed on to the AS's introspection endpoint and written on the request's one log line
// (JSON, @oauth-flow-lab/log): method, path (never the query), status and duration.
// Authorization is a list of named checks (the shared runner, @oauth-flow-lab/oauth checks.ts), in this order:
//   bearer-token                                      RFC 6750 §2.1
//   jwt-header, jwt-signature, jwt-issuer, jwt-audience,
//   jwt-lifetime, jwt-required-claims                 RFC 9068 §4 (or verified-token-cache, when the
//                                                     verifier remembered this token)
//   token-active                                      RFC 7662 §2.2 (introspection, or its cached answer)
//   route-scope                                       RFC 6750 §3.1
// then the handler's own-mailbox check (routes.ts). With teaching mode on, the trace observes them:
// it records what ran, in order, before the response is sent, and never changes the answer.
// With the attack lab on, /naive/* goes to the naive twin (naive/), which has its own checks and a
// synthetic mailbox, and shares nothing below with the real routes; otherwise it is an unknown path.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { isDatabaseUnavailable } from "@oauth-flow-lab/db/unavailable";
import { TRACE_CAPABILITY_HEADER } from "@oauth-flow-lab/lab";
import { createLogger, type Logger, REQUEST_ID_HEADER, requestIdFrom } from "@oauth-flow-lab/log";
import {
  bearerChallenge,
  type CheckLog,
  InsufficientScope,
  InvalidRequest,
  InvalidToken,
  OAuthError,
  type ProtocolCheck,
  runChecks,
  type Scope,
  ServerError,
  TemporarilyUnavailable,
} from "@oauth-flow-lab/oauth";
import { decodeJwt } from "jose";
import { HttpError, MethodNotAllowed, NotFound, sendJson } from "./http.ts";
import { type Mailbox, MailboxNotFound } from "./mailbox.ts";
import { NAIVE_PATH_PREFIX, type NaiveEndpoint } from "./naive/naive-endpoint.ts";
import { type RouteContext, type RouteResult, routes } from "./routes.ts";
import { readTeachingState } from "./teaching-state.ts";
import { CAPABILITY, type Trace } from "./trace.ts";
import {
  type AccessTokenVerifier,
  BEARER_TOKEN_CHECK,
  type BearerRequest,
  JWT_SIGNATURE_CHECK,
  MissingBearerToken,
  REALM,
  ROUTE_SCOPE_CHECK,
  VERIFIED_TOKEN_CACHE_CHECK,
  type VerifiedAccessToken,
} from "./verify-access-token.ts";

export type AppDependencies = {
  verifier: AccessTokenVerifier;
  mailbox: Mailbox;
  /** Origins of browser-based (public) clients allowed to call this API across origins (CORS). */
  corsOrigins?: readonly string[];
  /** The teaching trace (teaching mode): absent, nothing is recorded and GET /trace answers 404. */
  trace?: Trace;
  /** The attack lab's naive twin (naive/): absent, /naive/* answers 404 like any unknown path. */
  naive?: NaiveEndpoint;
  /** One JSON line per request, and the errors; createLogger("mail-api") (stdout) by default. */
  logger?: Logger;
};

/** Logs an unexpected error of one request, with its id. */
type LogError = (message: string, error: unknown) => void;

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
  const logger = deps.logger ?? createLogger("mail-api");

  return (req, res) => {
    const started = performance.now();
    const request_id = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader("X-Request-Id", request_id);
    const logError: LogError = (message, error) => logger.error({ request_id, err: error }, message);
    // Only the method and the path are logged: never the query (it could hold a token) or headers.
    let path = "?";
    res.on("close", () => {
      const duration_ms = Math.round((performance.now() - started) * 10) / 10;
      const status = res.statusCode;
      const line = { request_id, method: req.method ?? "?", path, status, duration_ms };
      logger.info(res.writableFinished ? line : { ...line, aborted: true }, "request");
    });
    void (async () => {
      try {
        const url = new URL(req.url ?? "/", "http://mail-api.invalid");
        path = url.pathname;
        await handle(req, res, url, deps, request_id, logError);
      } catch (error) {
        sendError(res, error, logError);
      }
    })();
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: AppDependencies,
  requestId: string,
  logError: LogError,
): Promise<void> {
  // CORS for browser-based clients: only listed origins, never with cookies (the token is the credential).
  const origin = req.headers.origin;
  if (origin !== undefined && deps.corsOrigins?.includes(origin)) {
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Access-Control-Expose-Headers", "WWW-Authenticate");
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "Access-Control-Allow-Methods": "GET, POST, PATCH",
        "Access-Control-Allow-Headers": `authorization, content-type, ${TRACE_CAPABILITY_HEADER}`,
        "Access-Control-Max-Age": "600",
        Vary: "Origin",
      });
      res.end();
      return;
    }
  }
  res.setHeader("Vary", "Origin");
  if (deps.trace && url.pathname === "/trace" && req.method === "GET") {
    // Without the flow's capability, the answer is the same 404 as with teaching mode off.
    const capability = req.headers[TRACE_CAPABILITY_HEADER];
    if (typeof capability !== "string" || !CAPABILITY.test(capability)) throw new NotFound();
    sendJson(res, 200, { events: await deps.trace.read(capability) });
    return;
  }
  if (deps.trace && url.pathname === "/trace/state" && req.method === "GET") {
    // What this API keeps for the flow (teaching-state.ts); the same 404 without its capability.
    const capability = req.headers[TRACE_CAPABILITY_HEADER];
    if (typeof capability !== "string" || !CAPABILITY.test(capability)) throw new NotFound();
    const state = await readTeachingState(deps.trace, deps.verifier, capability);
    if (state === undefined) throw new NotFound();
    sendJson(res, 200, state);
    return;
  }
  if (deps.naive && url.pathname.startsWith(NAIVE_PATH_PREFIX)) {
    const naiveChecks: ProtocolCheck[] = [];
    const answer = await deps.naive.handle(req, url, deps.trace ? naiveChecks : undefined);
    if (deps.trace && naiveChecks.length > 0) {
      try {
        await deps.trace.record(req, `${req.method ?? "?"} ${url.pathname}`, naiveChecks, answer.client_id);
      } catch (error) {
        logError("mail-api: trace not recorded", error);
      }
    }
    sendJson(res, answer.status, answer.body, answer.headers);
    return;
  }
  const route = routes.find((r) => r.pattern.test(url.pathname));
  if (!route) throw new NotFound();
  const handler = route.methods[req.method ?? ""];
  if (!handler) throw new MethodNotAllowed(Object.keys(route.methods));

  // The checks this request runs, kept only when a trace observes them.
  const checks: ProtocolCheck[] = [];
  const observer: CheckLog | undefined = deps.trace ? checks : undefined;
  let bearer: string | undefined;
  const ctx: RouteContext = {
    req,
    url,
    params: route.pattern.exec(url.pathname)?.slice(1) ?? [],
    mailbox: deps.mailbox,
    checks: observer,
    authorize: async (scope) => {
      const request: BearerRequest = { authorization: req.headersDistinct.authorization, url };
      try {
        return await authorize(request, scope, deps.verifier, observer, requestId);
      } finally {
        bearer = request.token;
      }
    },
  };
  let result: RouteResult;
  try {
    result = await handler(ctx);
  } finally {
    // Awaited before any answer (success or error) is sent, so the client can read it right after.
    if (deps.trace && checks.length > 0) {
      const endpoint = `${req.method ?? "?"} ${url.pathname}`;
      try {
        await deps.trace.record(req, endpoint, checks, signedClientIdOf(bearer, checks));
      } catch (error) {
        // The trace only observes: its failure never changes the answer.
        logError("mail-api: trace not recorded", error);
      }
    }
  }
  sendJson(res, result.status, result.body);
}

/**
 * RFC 6750 §2.1 and §3: the bearer token, verified, with the scope the route needs. The checks run in
 * order (the verifier's own in the middle) and each one that ran is reported to `observer`.
 */
async function authorize(
  request: BearerRequest,
  scope: Scope,
  verifier: AccessTokenVerifier,
  observer: CheckLog | undefined,
  requestId: string,
): Promise<VerifiedAccessToken> {
  try {
    await runChecks([BEARER_TOKEN_CHECK], request, observer);
    if (request.token === undefined) throw new Error("bearer-token did not run");
    const token = await verifier.verify(request.token, observer, { requestId });
    await runChecks([ROUTE_SCOPE_CHECK], { token, required: [scope] }, observer);
    return token;
  } catch (error) {
    if (error instanceof MissingBearerToken) throw new BearerAuthenticationFailure(undefined);
    if (error instanceof InvalidToken || error instanceof InsufficientScope || error instanceof InvalidRequest) {
      throw new BearerAuthenticationFailure(error);
    }
    throw error;
  }
}

/**
 * For the trace: the `client_id` claim of the bearer token, but only once its signature verified (now,
 * or when the verifier cached it), as the checks that ran report; otherwise undefined.
 */
function signedClientIdOf(token: string | undefined, checks: readonly ProtocolCheck[]): string | undefined {
  const verified = checks.some((c) => c.ok && (c.id === JWT_SIGNATURE_CHECK.id || c.id === VERIFIED_TOKEN_CACHE_CHECK.id));
  if (token === undefined || !verified) return undefined;
  try {
    const { client_id } = decodeJwt(token);
    return typeof client_id === "string" ? client_id : undefined;
  } catch {
    return undefined;
  }
}

/** The one place errors become responses: `{error, error_description}` and `Cache-Control: no-store`. */
function sendError(res: ServerResponse, error: unknown, logError: LogError): void {
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
  if (isDatabaseUnavailable(error)) {
    // The mailbox database is down or cut off: the request was fine, the client may retry.
    logError("mail-api: database unavailable", error);
    sendJson(res, 503, new TemporarilyUnavailable("the mail database is unavailable, try again later").toJSON(), { "Retry-After": "5" });
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
