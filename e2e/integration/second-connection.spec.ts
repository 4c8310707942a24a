// A second connection to each database while the apps serve a flow: what `psql` or Prisma Studio does
// during `npm run demo`. The embedded databases are one PostgreSQL session each (PGlite), shared between
// clients one transaction at a time (packages/db/src/pglite-multiplexer.ts); a real server (the
// AUTH_DATABASE_URL / MAIL_DATABASE_URL run) must pass the same test.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { authDatabaseUrl, lab, mailApi, obtainTokens } from "../support/lab.ts";

const external = process.env.AUTH_DATABASE_URL && process.env.MAIL_DATABASE_URL;
const databases = {
  auth: { url: external ? (process.env.AUTH_DATABASE_URL ?? "") : authDatabaseUrl, table: "clients" },
  mail: {
    url: external ? (process.env.MAIL_DATABASE_URL ?? "") : `postgresql://postgres:postgres@${lab.db.host}:${lab.db.mailPort}/postgres`,
    table: "messages",
  },
};

test("a second client reads each database while a flow runs, and the flow still succeeds", async () => {
  // A client that cannot get in fails fast instead of hanging until the test's timeout.
  const second = {
    auth: new pg.Client({ connectionString: databases.auth.url, connectionTimeoutMillis: 10_000, query_timeout: 10_000 }),
    mail: new pg.Client({ connectionString: databases.mail.url, connectionTimeoutMillis: 10_000, query_timeout: 10_000 }),
  };
  await Promise.all([second.auth.connect(), second.mail.connect()]);
  try {
    const count = async (name: keyof typeof databases) => {
      const result = await second[name].query<{ n: string }>(`SELECT count(*) AS n FROM ${databases[name].table}`);
      return Number(result.rows[0]?.n);
    };

    let flowRunning = true;
    const flow = (async () => {
      const tokens = await obtainTokens();
      const inbox = await fetch(`${mailApi}/v1/messages?limit=5`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      return { tokens, inboxStatus: inbox.status };
    })().finally(() => {
      flowRunning = false;
    });

    // Keep reading from both databases for as long as the apps are busy with the flow (at least once).
    const seen: { clients: number; messages: number }[] = [];
    do {
      const [clients, messages] = await Promise.all([count("auth"), count("mail")]);
      seen.push({ clients, messages });
    } while (flowRunning);

    const { tokens, inboxStatus } = await flow;
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.refresh_token).toBeTruthy();
    expect(inboxStatus).toBe(200);
    expect(seen.length).toBeGreaterThan(0);
    for (const { clients, messages } of seen) {
      expect(clients).toBeGreaterThan(0); // the seed registered the dashboard
      expect(messages).toBeGreaterThan(0); // and filled the demo users' mailboxes
    }

    // Still connected after the flow: the second client was never pushed out.
    expect(await count("auth")).toBeGreaterThan(0);
    expect(await count("mail")).toBeGreaterThan(0);
  } finally {
    await Promise.all([second.auth.end(), second.mail.end()]);
  }
});

// PostgreSQL's own client, as on our machines (PostgreSQL 15); .ci/run installs it where it is missing.
const psql = "/usr/bin/psql";
test("psql, as a user types it (sslmode=prefer), reads each database while a flow runs", async () => {
  expect(existsSync(psql), "psql is not installed (Debian: apt-get install postgresql-client)").toBe(true);
  const run = async (url: string, sql: string) => {
    const { stdout } = await promisify(execFile)(psql, [url, "-At", "-c", sql], {
      timeout: 15_000,
      env: { ...process.env, PGCONNECT_TIMEOUT: "10", PGSSLMODE: "prefer" },
    });
    return Number(stdout.trim());
  };
  const [tokens, clients, messages] = await Promise.all([
    obtainTokens(),
    run(databases.auth.url, "SELECT count(*) FROM clients"),
    run(databases.mail.url, "SELECT count(*) FROM messages"),
  ]);
  expect(tokens.access_token).toBeTruthy();
  expect(clients).toBeGreaterThan(0);
  expect(messages).toBeGreaterThan(0);
});
