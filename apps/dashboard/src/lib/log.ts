// The dashboard's logger (packages/log: JSON lines on stdout). One per process: the proxy and the route
// bundles are separate module graphs, so the instance lives on globalThis.
import { createLogger, type Logger } from "@oauth-flow-lab/log";
import { currentRequestId } from "./request-id";

const KEY = Symbol.for("oauth-flow-lab.dashboard.logger");
const holder = globalThis as { [KEY]?: Logger };

export function logger(): Logger {
  holder[KEY] ??= createLogger("dashboard");
  return holder[KEY];
}

/** The logger with the current request's id, when there is a request. */
export async function requestLogger(): Promise<Logger> {
  const requestId = await currentRequestId();
  return requestId ? logger().child({ request_id: requestId }) : logger();
}

/** An error as a log field: its class and message (never a request's content). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
