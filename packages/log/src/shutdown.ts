// Graceful stop for a server whose http.Server the app does not hold (`next start`). On SIGTERM Next.js
// stops listening and waits for its connections, but a keep-alive connection busy at that moment is
// left open once its response is sent and may keep being served (a load balancer's pooled connection),
// holding the stop until the idle timeout. Node's "http.server.request.start" diagnostics channel
// hands us each response: once SIGTERM came, every response not yet started says `Connection: close`
// and its connection closes after it, so the process exits as soon as the requests in flight are done.
import diagnosticsChannel from "node:diagnostics_channel";
import type { ServerResponse } from "node:http";

let installed = false;

/** Installs the SIGTERM behaviour above (once per process); `onSignal` runs when the signal comes. */
export function closeConnectionsOnSigterm(onSignal: () => void = () => undefined): void {
  if (installed) return;
  installed = true;
  const inProgress = new Set<ServerResponse>();
  let stopping = false;
  diagnosticsChannel.subscribe("http.server.request.start", (message) => {
    const { response } = message as { response: ServerResponse };
    if (stopping) response.shouldKeepAlive = false;
    inProgress.add(response);
    response.once("close", () => inProgress.delete(response));
  });
  process.once("SIGTERM", () => {
    stopping = true;
    for (const response of inProgress) if (!response.headersSent) response.shouldKeepAlive = false;
    onSignal();
  });
}
