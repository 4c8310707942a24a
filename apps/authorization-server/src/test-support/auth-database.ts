// A real PostgreSQL for the AS's unit tests, without the running stack: an in-memory PGlite with the
// AS's migrations applied in order, served on an ephemeral loopback port and reached through the
// generated Prisma client exactly as the app reaches its database (compare packages/db's
// embedded-postgres.ts, which serves the demo's databases on fixed ports).
import { readdir, readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { createAuthDb, type PrismaClient } from "@oauth-flow-lab/db/auth";

const MIGRATIONS = new URL("../../../../prisma/auth/migrations/", import.meta.url);

export type TestDatabase = { db: PrismaClient; url: string; stop: () => Promise<void> };

/** Applies every prisma/auth/migrations/<name>/migration.sql in name (= time) order. */
async function migrate(pglite: PGlite): Promise<void> {
  const names = (await readdir(MIGRATIONS, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const name of names) await pglite.exec(await readFile(new URL(`${name}/migration.sql`, MIGRATIONS), "utf8"));
}

export async function startTestDatabase(): Promise<TestDatabase> {
  const pglite = await PGlite.create();
  await migrate(pglite);
  // Port 0: the system picks a free port; getServerConn() tells which.
  const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: 0, maxConnections: 4 });
  await server.start();
  const url = `postgresql://postgres:postgres@${server.getServerConn()}/postgres`;
  const db = createAuthDb(url);
  return {
    db,
    url,
    stop: async () => {
      await db.$disconnect();
      await server.stop();
      await pglite.close();
    },
  };
}
