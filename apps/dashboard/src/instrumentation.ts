// Runs once when the dashboard starts (Next.js instrumentation hook). `next start` handles SIGTERM
// itself: it stops accepting connections, lets the requests in flight finish, then exits
// (scripts/start/lib.mjs bounds the wait). Keep-alive connections are closed after their response
// (packages/log shutdown.ts); what is still buffered in the logger is written out by pino's exit hook.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { logger } = await import("./lib/log");
    const { closeConnectionsOnSigterm } = await import("@oauth-flow-lab/log/shutdown");
    closeConnectionsOnSigterm(() => logger().info("SIGTERM: finishing the requests in flight, then exiting"));
  }
}
