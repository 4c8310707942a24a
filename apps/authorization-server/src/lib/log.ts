// The AS's logger (packages/log: JSON lines on stdout). One per process: the proxy and the route
// bundles are separate module graphs, so the instance lives on globalThis.
import { AsyncLocalStorage } from "node:async_hooks";
import { createLogger, type Logger, REQUEST_ID_HEADER, requestIdFrom } from "@oauth-flow-lab/log";

const KEY = Symbol.for("oauth-flow-lab.authorization-server.logger");
const holder = globalThis as { [KEY]?: Logger };

export function logger(): Logger {
  holder[KEY] ??= createLogger("authorization-server");
  return holder[KEY];
}

const ID_KEY = Symbol.for("oauth-flow-lab.authorization-server.request-id");
const idHolder = globalThis as { [ID_KEY]?: AsyncLocalStorage<string> };
const currentId = (idHolder[ID_KEY] ??= new AsyncLocalStorage<string>());

/**
 * The JSON endpoints' request log (the proxy, src/proxy.ts, covers the pages only: on a JSON endpoint it
 * cost about as much as the route itself). The request's id (a valid incoming X-Request-Id, else a new
 * one) is known to every log line of the request, goes back on the response, and one access line is
 * written when it ends: method, path (never the query), status and duration.
 */
export async function withRequestLog(request: Request, run: () => Promise<Response>): Promise<Response> {
  const started = performance.now();
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
  let status = 500;
  try {
    const response = await currentId.run(requestId, run);
    status = response.status;
    try {
      response.headers.set(REQUEST_ID_HEADER, requestId);
    } catch {
      // A response with immutable headers (Response.redirect) keeps its own.
    }
    return response;
  } finally {
    const path = new URL(request.url).pathname;
    const duration_ms = Math.round((performance.now() - started) * 10) / 10;
    logger().info({ request_id: requestId, method: request.method, path, status, duration_ms }, "request");
  }
}

/** The logger of the request being handled, with its id (withRequestLog's, or src/proxy.ts's); the plain one outside a request. */
export async function requestLogger(): Promise<Logger> {
  const known = currentId.getStore();
  if (known !== undefined) return logger().child({ request_id: known });
  try {
    const { headers } = await import("next/headers");
    const requestId = (await headers()).get(REQUEST_ID_HEADER);
    return requestId ? logger().child({ request_id: requestId }) : logger();
  } catch {
    return logger(); // not inside a request (startup, a timer)
  }
}

/** An error as a log field: its class and message, never its stack's data or a request's content. */
export function errorFields(error: unknown): { error: { type: string; message: string; code?: string } } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { error: { type: error.name, message: error.message, ...(typeof code === "string" ? { code } : {}) } };
  }
  return { error: { type: typeof error, message: String(error) } };
}
