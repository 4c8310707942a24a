// The AS's logger (packages/log: JSON lines on stdout). One per process: the proxy and the route
// bundles are separate module graphs, so the instance lives on globalThis.
import { createLogger, type Logger, REQUEST_ID_HEADER } from "@oauth-flow-lab/log";

const KEY = Symbol.for("oauth-flow-lab.authorization-server.logger");
const holder = globalThis as { [KEY]?: Logger };

export function logger(): Logger {
  holder[KEY] ??= createLogger("authorization-server");
  return holder[KEY];
}

/** The logger of the request being handled, with its id (set by src/proxy.ts); the plain one outside a request. */
export async function requestLogger(): Promise<Logger> {
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
