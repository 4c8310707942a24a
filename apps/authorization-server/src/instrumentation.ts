// Runs once when the AS starts, before it serves a request (Next.js instrumentation hook).
// Node.js only: the startup checks and the purge of expired rows use the database.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { logger } = await import("./lib/log");
    // `next start` handles SIGTERM itself: it stops accepting connections, lets the requests in flight
    // finish, then exits (scripts/start/lib.mjs bounds the wait). Keep-alive connections are closed after
    // their response (packages/log shutdown.ts); what is still buffered in the logger is written out by
    // pino's exit hook.
    const { closeConnectionsOnSigterm } = await import("@oauth-flow-lab/log/shutdown");
    closeConnectionsOnSigterm(() => logger().info("SIGTERM: finishing the requests in flight, then exiting"));
    const { checkStartup } = await import("./teaching/startup");
    await checkStartup();
    const { startPurgeSchedule } = await import("./purge-schedule");
    startPurgeSchedule();
  }
}
