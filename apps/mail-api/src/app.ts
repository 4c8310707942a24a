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
  TemporarilyUnavailable,
  bearerChallenge,
  type Scope,
} from "@oauth-flow-lab/oauth";
import { HttpError, MethodNotAllowed, NotFound, sendJson } from "./http.ts";
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

async function handle(req: IncomingMessage, res: ServerResponse, url: URL, deps: AppDependencies): Promise<void> {
  const route = routes.find((r) => r.pattern.test(url.pathname));
  if (!route) throw new NotFound();
  const handler = route.methods[req.method ?? ""];
  if (!handler) throw new MethodNotAllowed(Object.keys(route.methods));

  const ctx: RouteContext = {
    req,
    url,
    params: route.pattern.exec(url.pathname)?.slice(1) ?? [],
    mailbox: deps.mailbox,
    authorize: (scope) => authorize(req, url, scope, deps.verifier),
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
): Promise<VerifiedAccessToken> {
  try {
    const token = await verifier.verify(extractBearerToken(req.headersDistinct.authorization, url));
    requireScopes(token, [scope]);
    return token;
  } catch (error) {
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
