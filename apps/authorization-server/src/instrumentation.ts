// Runs once when the AS starts, before it serves a request (Next.js instrumentation hook).
// Node.js only: the startup checks and the purge of expired rows use the database.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkStartup } = await import("./teaching/startup");
    await checkStartup();
    const { startPurgeSchedule } = await import("./purge-schedule");
    startPurgeSchedule();
  }
}
