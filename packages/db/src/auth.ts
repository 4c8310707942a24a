// The authorization server's database client: created once per process, here and nowhere else.
// The mail API imports "@oauth-flow-lab/db/mail" instead and never sees these tables.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { type AuthSql, sqlOn } from "./auth-sql.ts";
import { PrismaClient } from "./generated/auth/client.ts";
import { DATABASE_TIMEOUTS, TRANSACTION_TIMEOUTS } from "./timeouts.ts";

export type { AuthSql, SqlQuery, SqlStatement } from "./auth-sql.ts";
export * from "./generated/auth/client.ts";

const globalForDb = globalThis as unknown as { authDb?: PrismaClient };

/**
 * The pool under each client, where the hot statements (auth-sql.ts) run next to Prisma's: kept on the
 * client itself under a registered symbol, since a bundler may load this module more than once per
 * process (Next.js's server layers) while the client is shared through globalThis.
 */
const SQL = Symbol.for("@oauth-flow-lab/db/auth-sql");
type WithSql = { [SQL]?: AuthSql };

/**
 * The app's pool: several connections, so that a token request waiting on the database (an interactive
 * transaction's round trips) does not hold up every other request of the process. On the embedded
 * PostgreSQL this is safe too: its multiplexer (pglite-multiplexer.ts) gives the one PGlite session to
 * one connection at a time, for as long as that connection's transaction lasts, and names each
 * connection's prepared statements apart (auth-sql.test.ts). One rule follows: inside a transaction, use
 * only that transaction's handle; a statement on another connection would wait there for the transaction
 * to end. AUTH_DATABASE_POOL_SIZE overrides the size.
 */
export const APP_POOL_SIZE = 10;

/**
 * A client on a pool of `poolSize` connections (one by default: the CLI and the seed need no more, and
 * the unit tests' PGlite socket server, which shares its session without a multiplexer, needs exactly one).
 */
export function createAuthDb(connectionString: string, poolSize = 1): PrismaClient {
  const pool = new pg.Pool({ connectionString, max: poolSize, ...DATABASE_TIMEOUTS });
  // An idle connection that fails (the server restarted, the network cut) is dropped by the pool; without
  // a listener the pool's "error" event would end the process.
  pool.on("error", () => undefined);
  // The pool listens only while a connection is idle: one that fails while checked out (a transaction in
  // progress when the network is cut) would end the process. Its query rejects with the same error, and
  // the caller answers 503 (unavailable.ts), so the event itself needs nothing more.
  pool.on("connect", (connection) => connection.on("error", () => undefined));
  const client = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    transactionOptions: TRANSACTION_TIMEOUTS,
  });
  Object.defineProperty(client, SQL, { value: sqlOn(pool), enumerable: false });
  return client;
}

export function authDb(connectionString: string): PrismaClient {
  globalForDb.authDb ??= createAuthDb(connectionString, poolSizeFromEnvironment());
  return globalForDb.authDb;
}

function poolSizeFromEnvironment(): number {
  const configured = Number(process.env.AUTH_DATABASE_POOL_SIZE);
  return Number.isInteger(configured) && configured > 0 ? configured : APP_POOL_SIZE;
}

/** The SQL handle on the pool of a client made by createAuthDb. */
export function authSql(db: object): AuthSql {
  const sql = findAuthSql(db);
  if (!sql) throw new Error("authSql: this database client was not made by createAuthDb");
  return sql;
}

/** The same, or undefined for any other object (a unit test's stand-in for the Prisma client). */
export function findAuthSql(db: object): AuthSql | undefined {
  return (db as WithSql)[SQL];
}
