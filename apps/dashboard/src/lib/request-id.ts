// The id of the request being served (issue 11): src/proxy.ts gives every incoming request one (a valid
// incoming X-Request-Id is kept) and sets it on the request the pages and routes see; every call the
// dashboard makes to the AS or the mail API sends it on as X-Request-Id, so one id follows a click
// through the three apps' logs. Code running in the proxy, or under openid-client's synchronous hook
// (next-auth), finds it in `requestIdStorage`; pages and routes in the request's headers.
import { AsyncLocalStorage } from "node:async_hooks";
import { REQUEST_ID_HEADER } from "@oauth-flow-lab/log";

const KEY = Symbol.for("oauth-flow-lab.dashboard.request-id");
const holder = globalThis as { [KEY]?: AsyncLocalStorage<string> };

/** Holds the id while the proxy or next-auth works for a request. One per process (the proxy is bundled apart). */
export const requestIdStorage: AsyncLocalStorage<string> = (holder[KEY] ??= new AsyncLocalStorage<string>());

/** The current request's id, if there is a request (none in unit tests, at startup or in a timer). */
export async function currentRequestId(): Promise<string | undefined> {
  const stored = requestIdStorage.getStore();
  if (stored) return stored;
  try {
    const { headers } = await import("next/headers");
    return (await headers()).get(REQUEST_ID_HEADER) ?? undefined;
  } catch {
    return undefined; // outside a request
  }
}

/** `headers` with the current request's X-Request-Id added (when there is one). */
export async function withRequestId(headers: Record<string, string>): Promise<Record<string, string>> {
  const id = await currentRequestId();
  return id ? { ...headers, [REQUEST_ID_HEADER]: id } : headers;
}
