// The driver adapter used only by the Prisma CLI (migrate deploy/dev/status), never by the apps.
//
// Prisma 7's CLI downloads a native schema engine and fails offline; Prisma 6.19 can run its
// JavaScript schema engine over a driver adapter instead (prisma.config.ts: engine "js").
// @prisma/adapter-pg 6.19 cannot deserialize the catalog types `name` and `"char"` that the schema
// engine reads while introspecting (prisma/orm#27403, fixed in the 7.x adapter): relabel them as
// text here. Values of those types already arrive as strings.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

/** Defaults match scripts/lib/config.mjs: the embedded PostgreSQL servers of `npm run demo`. */
export const defaultDatabaseUrls = {
  auth: "postgresql://postgres:postgres@127.0.0.1:54330/postgres",
  mail: "postgresql://postgres:postgres@127.0.0.1:54331/postgres",
} as const;

const relabelAsText: Record<number, number> = {
  19: 25, // name -> text
  18: 25, // "char" -> text
  1003: 1009, // name[] -> text[]
  1002: 1009, // "char"[] -> text[]
};

type FieldList = { dataTypeID: number }[];

function relabelFields(result: unknown): void {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results) {
    const fields = (r as { fields?: FieldList } | undefined)?.fields;
    if (!fields) continue;
    for (const field of fields) {
      const text = relabelAsText[field.dataTypeID];
      if (text !== undefined) field.dataTypeID = text;
    }
  }
}

class CatalogFriendlyClient extends pg.Client {
  // pg's overloads are hard to forward precisely: relabel in both the promise and the callback form
  // (pg.Pool#query uses the callback form).
  // biome-ignore lint/suspicious/noExplicitAny: forwards pg.Client#query, whose overloads return either a promise or void.
  override query(...args: unknown[]): any {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (err: unknown, result: unknown) => {
        if (!err) relabelFields(result);
        (last as (e: unknown, r: unknown) => void)(err, result);
      };
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    if (out && typeof (out as Promise<unknown>).then === "function") {
      return (out as Promise<unknown>).then((result) => {
        relabelFields(result);
        return result;
      });
    }
    return out;
  }
}

export function createMigrationAdapter(connectionString: string): PrismaPg {
  const pool = new pg.Pool({
    connectionString,
    max: 1,
    Client: CatalogFriendlyClient,
    // Lets the CLI exit as soon as it is done instead of lingering on an idle pool.
    allowExitOnIdle: true,
    idleTimeoutMillis: 50,
  });
  // A connection that fails, idle or checked out, is reported by the query that used it (the migration
  // fails with that error), not by an 'error' event nobody listens to, which would end the process.
  pool.on("error", () => undefined);
  pool.on("connect", (connection) => connection.on("error", () => undefined));
  return new PrismaPg(pool);
}
