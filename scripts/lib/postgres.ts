// Fresh databases on a real PostgreSQL server, one per service, for one test run: created empty (the
// stack's start scripts migrate and seed them) and dropped afterwards, whatever happened.
import { randomBytes } from "node:crypto";
import pg from "pg";

export type DatabaseUrls = { AUTH_DATABASE_URL: string; MAIL_DATABASE_URL: string };
export type FreshDatabases = DatabaseUrls & { names: string[]; drop: () => Promise<void> };

/** The server of the PostgreSQL pass: POSTGRES_URL, or the machines' PostgreSQL 15 (trust auth). */
export function postgresServerUrl(): string {
  return process.env.POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
}

/** The same server as `url`, its maintenance database `postgres` (where CREATE/DROP DATABASE run). */
export function maintenanceUrl(url: string): string {
  const server = new URL(url);
  server.pathname = "/postgres";
  return server.toString();
}

async function withClient<T>(serverUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Throws a short message when the server does not answer (the caller decides whether that is a failure). */
export async function assertServerReachable(serverUrl: string): Promise<string> {
  return withClient(
    serverUrl,
    async (client) =>
      (await client.query<{ v: string }>("SELECT split_part(current_setting('server_version'), ' ', 1) AS v")).rows[0]?.v ?? "?",
  );
}

/** `lab_<random>_auth` and `lab_<random>_mail` (or with `prefix`), created empty on the server. */
export async function createFreshDatabases(serverUrl: string, prefix = `lab_${randomBytes(5).toString("hex")}`): Promise<FreshDatabases> {
  if (!/^[a-z0-9_]+$/.test(prefix)) throw new Error(`unsafe database name prefix: ${prefix}`);
  const names = [`${prefix}_auth`, `${prefix}_mail`];
  const created: string[] = [];
  const drop = () =>
    withClient(serverUrl, async (client) => {
      // WITH (FORCE) (PostgreSQL 13+): a connection an app left open must not keep the database alive.
      for (const name of created) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  try {
    await withClient(serverUrl, async (client) => {
      for (const name of names) {
        await client.query(`CREATE DATABASE "${name}"`);
        created.push(name);
      }
    });
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
  const url = (name: string) => {
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  return { AUTH_DATABASE_URL: url(names[0] ?? ""), MAIL_DATABASE_URL: url(names[1] ?? ""), names, drop };
}
