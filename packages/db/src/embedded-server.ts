// The small process that owns the embedded databases: `tsx packages/db/src/embedded-server.ts`.
// Configured by environment (set by scripts/lib/stack.ts):
//   EMBEDDED_DB_HOST (127.0.0.1), AUTH_DB_PORT, MAIL_DB_PORT, EMBEDDED_DB_DIR (absent = in memory),
//   EMBEDDED_DB_OWNER_PID (stop when that process is gone).
// Prints one line "ready <json>" when both databases accept connections; stops cleanly on SIGINT/SIGTERM.
import path from "node:path";
import { type RunningEmbeddedDatabase, startEmbeddedDatabase } from "./embedded-postgres";

const host = process.env.EMBEDDED_DB_HOST ?? "127.0.0.1";
const dir = process.env.EMBEDDED_DB_DIR;
const databases = [
  { name: "auth", port: Number(process.env.AUTH_DB_PORT ?? 54330) },
  { name: "mail", port: Number(process.env.MAIL_DB_PORT ?? 54331) },
];

const running: RunningEmbeddedDatabase[] = [];
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const db of running.reverse()) await db.stop().catch(() => undefined);
  }
  process.exit(code);
}

process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
process.on("disconnect", () => void stop(0));

// If whoever started us dies without stopping us (SIGKILL), stop too rather than hold the ports.
const ownerPid = Number(process.env.EMBEDDED_DB_OWNER_PID ?? 0);
if (ownerPid > 0) {
  setInterval(() => {
    try {
      process.kill(ownerPid, 0);
    } catch {
      void stop(0);
    }
  }, 1000).unref();
}

try {
  for (const { name, port } of databases) {
    running.push(await startEmbeddedDatabase({ name, port, dataDir: dir ? path.join(dir, name) : undefined }, host));
  }
  console.log(`ready ${JSON.stringify(Object.fromEntries(running.map((d) => [d.name, d.url])))}`);
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  console.error(
    e.code === "EADDRINUSE"
      ? `embedded PostgreSQL: port ${String((e as { port?: number }).port ?? "")} is already in use; set AUTH_DB_PORT / MAIL_DB_PORT`
      : `embedded PostgreSQL failed to start: ${e.message}`,
  );
  await stop(1);
}
