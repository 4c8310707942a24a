// The mail API's hot reads, as plain SQL through the `pg` driver: Prisma's query compiler (WebAssembly)
// and client cost about 40% of the mail API's CPU per request (docs/performance.md), for queries that
// never change shape. Prisma stays for the migrations and the rarely used writes (mail.ts).
// It connects to the mail database only, like mail.ts.
import pg from "pg";
import { DATABASE_TIMEOUTS } from "./timeouts.ts";

export type MailSqlPool = pg.Pool;
export type { QueryConfig, QueryResultRow } from "pg";

/** PostgreSQL's `timestamp without time zone`, which Prisma's DateTime columns are (TIMESTAMP(3)). */
const TIMESTAMP_OID = 1114;

/**
 * Prisma stores DateTime as UTC in `timestamp without time zone`; pg would read it in the process's
 * local time zone. Read it as UTC, like Prisma, whatever TZ the process has.
 */
function parseUtcTimestamp(value: string): Date {
  return new Date(`${value.replace(" ", "T")}Z`);
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID && format !== "binary"
      ? parseUtcTimestamp
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * A `pg` pool on the mail database. Several connections are safe on the embedded PostgreSQL too: its
 * multiplexer (pglite-multiplexer.ts) runs one client's statement at a time and prefixes each client's
 * named prepared statements; these queries are single statements, so no connection holds its one
 * session for longer than a statement. It serves one query at a time, so there a bigger pool only
 * takes more of its 64 connections, and gains nothing.
 */
export function createMailSqlPool(connectionString: string, poolSize: number): MailSqlPool {
  const pool = new pg.Pool({ connectionString, max: poolSize, types, ...DATABASE_TIMEOUTS });
  // An idle connection that the server closed (a restart, a cut network) errors here, not on a query:
  // without a listener that would crash the process. The next query gets a fresh connection.
  pool.on("error", () => undefined);
  // The same for a connection that fails while checked out (the pool listens only while it is idle): the
  // query in progress rejects with that error, and the route answers 503.
  pool.on("connect", (connection) => connection.on("error", () => undefined));
  return pool;
}
