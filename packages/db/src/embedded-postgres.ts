// Embedded PostgreSQL for the demo and the tests: PostgreSQL 17 compiled to WebAssembly (PGlite),
// served over TCP on a loopback port so that the apps connect exactly as to a real server.
// One PGlite instance is one database: the authorization server and the mail API each get their own,
// so neither can read the other's tables even by mistake.
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { mkdirSync, rmSync, existsSync } from "node:fs";
import path from "node:path";

export type EmbeddedDatabase = {
  name: string;
  port: number;
  /** A folder for durable data, or undefined for an in-memory database (tests). */
  dataDir: string | undefined;
};

export type RunningEmbeddedDatabase = EmbeddedDatabase & { url: string; stop: () => Promise<void> };

export async function startEmbeddedDatabase(
  database: EmbeddedDatabase,
  host = "127.0.0.1",
): Promise<RunningEmbeddedDatabase> {
  if (database.dataDir) {
    mkdirSync(database.dataDir, { recursive: true });
    // A crash can leave a stale lock file behind; PGlite is the only owner of this folder.
    const pid = path.join(database.dataDir, "postmaster.pid");
    if (existsSync(pid)) rmSync(pid);
  }
  const db = await PGlite.create(database.dataDir ? { dataDir: database.dataDir } : {});
  // Each app keeps a pool of one connection; the CLI, the seed and the test helpers need a few more.
  const server = new PGLiteSocketServer({ db, host, port: database.port, maxConnections: 16 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    ...database,
    url: `postgresql://postgres:postgres@${host}:${database.port}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
