// Embedded PostgreSQL for the demo and the tests: PostgreSQL 17 compiled to WebAssembly (PGlite),
// served over TCP on a loopback port so that the apps connect exactly as to a real server.
// One PGlite instance is one database: the authorization server and the mail API each get their own,
// so neither can read the other's tables even by mistake.
// PGlite is a single PostgreSQL session; PGliteMultiplexer shares it between the clients (the app's pool,
// the CLI, psql, Prisma Studio) one transaction at a time: see pglite-multiplexer.ts.

import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGliteMultiplexer } from "./pglite-multiplexer";

export type EmbeddedDatabase = {
  name: string;
  /** 0 = an ephemeral port; the running database's `port` and `url` tell which one. */
  port: number;
  /** A folder for durable data, or undefined for an in-memory database (tests). */
  dataDir: string | undefined;
};

export type RunningEmbeddedDatabase = EmbeddedDatabase & { url: string; stop: () => Promise<void> };

export async function startEmbeddedDatabase(
  database: EmbeddedDatabase,
  host = "127.0.0.1",
  options: { idleInTransactionTimeoutMs?: number } = {},
): Promise<RunningEmbeddedDatabase> {
  if (database.dataDir) {
    mkdirSync(database.dataDir, { recursive: true });
    // A crash can leave a stale lock file behind; PGlite is the only owner of this folder.
    const pid = path.join(database.dataDir, "postmaster.pid");
    if (existsSync(pid)) rmSync(pid);
  }
  const db = await PGlite.create(database.dataDir ? { dataDir: database.dataDir } : {});
  // Each app keeps a small pool (the AS 10, the mail API 4 + 1 for Prisma); the CLI, the seed, the tests,
  // psql and Prisma Studio add a few. The multiplexer serves one statement or transaction at a time.
  const server = new PGliteMultiplexer({ db, host, port: database.port, maxConnections: 64, ...options });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    ...database,
    port: server.port,
    url: `postgresql://postgres:postgres@${host}:${server.port}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
