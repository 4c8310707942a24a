// Parameterized SQL on the authorization server's own connection pool, for the few statements on its hot
// paths (client lookup, code redemption, refresh rotation, token inserts): each Prisma call pays its query
// compiler (WebAssembly) and client, about a millisecond of CPU, where a prepared statement through `pg`
// costs a few microseconds. Everything else keeps using the Prisma client, on the same pool.
import pg from "pg";

/**
 * A statement prepared once per connection under its name (PostgreSQL extended protocol: Parse once,
 * then only Bind and Execute). The text is fixed; every value is a parameter, never spliced in.
 */
export type SqlStatement = { readonly name: string; readonly text: string };

/** Runs a statement; rows come back with timestamps as Dates (UTC, as Prisma stores them). */
export type SqlQuery = <Row>(statement: SqlStatement, values: readonly unknown[]) => Promise<Row[]>;

export type AuthSql = {
  query: SqlQuery;
  /** BEGIN … COMMIT on one connection; ROLLBACK if `work` throws. Keep `work` short: it holds a connection. */
  transaction<T>(work: (query: SqlQuery) => Promise<T>): Promise<T>;
};

/**
 * Prisma maps DateTime to `timestamp(3)` (without time zone) holding UTC. `pg` would read such a value in
 * the process's local time zone: read it as UTC instead. Parameters are sent as ISO strings (see `param`).
 */
const TIMESTAMP_OID = 1114;
const parseUtcTimestamp = (value: string) => new Date(`${value.replace(" ", "T")}Z`);
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP_OID && format !== "binary") return parseUtcTimestamp;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** A Date as a `timestamp(3)` parameter: its UTC wall time (the "Z" is ignored by a timestamp column). */
function param(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

// Each connection gets its own suffix for statement names: a server that shares one session between
// connections without renaming (the unit tests' PGlite socket server) then never sees a name twice,
// even after a connection was closed and another one opened.
const suffixes = new WeakMap<pg.PoolClient, string>();
let nextSuffix = 1;

function queryOn(client: pg.PoolClient): SqlQuery {
  let suffix = suffixes.get(client);
  if (suffix === undefined) {
    suffix = `_${(nextSuffix++).toString(36)}`;
    suffixes.set(client, suffix);
  }
  const own = suffix;
  return async <Row>(statement: SqlStatement, values: readonly unknown[]) => {
    const result = await client.query({ name: statement.name + own, text: statement.text, values: values.map(param), types });
    return result.rows as Row[];
  };
}

/** The SQL handle of a pool (the pool is shared with the Prisma client built on it, see auth.ts). */
export function sqlOn(pool: pg.Pool): AuthSql {
  return {
    async query(statement, values) {
      const client = await pool.connect();
      let failure: Error | undefined;
      try {
        return await queryOn(client)(statement, values);
      } catch (error) {
        failure = connectionBroken(error);
        throw error;
      } finally {
        client.release(failure);
      }
    },
    async transaction(work) {
      const client = await pool.connect();
      let failure: Error | undefined;
      try {
        await client.query("BEGIN");
        try {
          const result = await work(queryOn(client));
          await client.query("COMMIT");
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch((rollbackError: unknown) => {
            failure = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
          });
          throw error;
        }
      } catch (error) {
        failure ??= connectionBroken(error);
        throw error;
      } finally {
        client.release(failure);
      }
    },
  };
}

/**
 * An error that leaves the connection unusable (no SQLSTATE: the socket, a client-side timeout) makes
 * the pool discard it rather than hand it out again.
 */
function connectionBroken(error: unknown): Error | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith("08") && !code.startsWith("57")) return undefined;
  return error instanceof Error ? error : new Error(String(error));
}
