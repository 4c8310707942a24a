// Several clients on the one PGlite session: answers for everyone, one transaction at a time, nothing left
// behind by a client that goes away. An in-memory embedded database on an ephemeral port.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { connect } from "node:net";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { type RunningEmbeddedDatabase, startEmbeddedDatabase } from "./embedded-postgres";
import { lastReadyStatus } from "./pglite-multiplexer";

let db: RunningEmbeddedDatabase;
const clients: pg.Client[] = [];

async function client(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: db.url });
  c.on("error", () => undefined); // a test may cut the connection on purpose
  await c.connect();
  clients.push(c);
  return c;
}

/** Settles to "pending" if the promise has not settled after `ms`. */
async function stillPending(promise: Promise<unknown>, ms = 250): Promise<boolean> {
  const marker = Symbol("pending");
  const winner = await Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    new Promise((r) => setTimeout(() => r(marker), ms)),
  ]);
  return winner === marker;
}

async function rows(sql: string): Promise<string[]> {
  const c = await client();
  try {
    const result = await c.query<{ v: string }>(sql);
    return result.rows.map((r) => r.v);
  } finally {
    await c.end();
  }
}

before(async () => {
  db = await startEmbeddedDatabase({ name: "test", port: 0, dataDir: undefined });
  const setup = await client();
  await setup.query("CREATE TABLE notes (v text NOT NULL)");
  await setup.end();
});

after(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await db.stop();
});

describe("several clients on one embedded database", () => {
  test("listens on the ephemeral port it reports", () => {
    assert.ok(db.port > 0);
    assert.ok(db.url.includes(`:${db.port}/`));
  });

  test("two clients connected at once both get answers while one keeps its connection open", async () => {
    const app = await client(); // like an app's pool of one: connected for the whole run
    await app.query("SELECT 1");
    const visitor = await client();
    const [a, b] = await Promise.all([app.query<{ n: number }>("SELECT 1 AS n"), visitor.query<{ n: number }>("SELECT $1::int AS n", [2])]);
    assert.equal(a.rows[0]?.n, 1);
    assert.equal(b.rows[0]?.n, 2);
    // Many queries from both sides at the same time, interleaved on the one session.
    const series = async (c: pg.Client, from: number) => {
      const seen: (number | undefined)[] = [];
      for (let i = from; i < from + 20; i++) seen.push((await c.query<{ n: number }>("SELECT $1::int AS n", [i])).rows[0]?.n);
      return seen;
    };
    const [fromApp, fromVisitor] = await Promise.all([series(app, 0), series(visitor, 100)]);
    assert.deepEqual(
      fromApp,
      Array.from({ length: 20 }, (_, i) => i),
    );
    assert.deepEqual(
      fromVisitor,
      Array.from({ length: 20 }, (_, i) => 100 + i),
    );
    await visitor.end();
    assert.equal((await app.query<{ n: number }>("SELECT 3 AS n")).rows[0]?.n, 3);
  });

  test("a transaction keeps the session: the other client waits, and a rollback undoes only its own writes", async () => {
    await rows("TRUNCATE notes");
    const a = await client();
    const b = await client();
    await a.query("BEGIN");
    await a.query("INSERT INTO notes VALUES ($1)", ["a: rolled back"]);
    const bInsert = b.query("INSERT INTO notes VALUES ($1)", ["b: kept"]);
    assert.ok(await stillPending(bInsert), "B's query ran inside A's transaction");
    await a.query("INSERT INTO notes VALUES ('a: rolled back too')");
    await a.query("ROLLBACK");
    await bInsert;
    assert.deepEqual(await rows("SELECT v FROM notes ORDER BY v"), ["b: kept"]);

    // The other way round: B's transaction commits, A waits, both writes stay.
    await b.query("BEGIN");
    await b.query("INSERT INTO notes VALUES ('b: committed')");
    const aInsert = a.query("INSERT INTO notes VALUES ('a: after commit')");
    assert.ok(await stillPending(aInsert));
    await b.query("COMMIT");
    await aInsert;
    assert.deepEqual(await rows("SELECT v FROM notes ORDER BY v"), ["a: after commit", "b: committed", "b: kept"]);
    await Promise.all([a.end(), b.end()]);
  });

  test("a failed transaction ('E') still holds the session until its ROLLBACK", async () => {
    await rows("TRUNCATE notes");
    const a = await client();
    const b = await client();
    await a.query("BEGIN");
    await a.query("INSERT INTO notes VALUES ('a: lost')");
    await assert.rejects(a.query("SELECT no_such_column FROM notes"));
    const bRead = b.query<{ n: string }>("SELECT count(*) AS n FROM notes");
    assert.ok(await stillPending(bRead));
    await a.query("ROLLBACK");
    assert.equal((await bRead).rows[0]?.n, "0");
    await Promise.all([a.end(), b.end()]);
  });

  test("a client that disconnects inside a transaction is rolled back and frees the session", async () => {
    await rows("TRUNCATE notes");
    const a = await client();
    const b = await client();
    await a.query("BEGIN");
    await a.query("INSERT INTO notes VALUES ('a: never committed')");
    const bInsert = b.query("INSERT INTO notes VALUES ('b: after a left')");
    assert.ok(await stillPending(bInsert));
    // Cut the TCP connection without a Terminate message, like a crashed process.
    (a as unknown as { connection: { stream: { destroy: () => void } } }).connection.stream.destroy();
    await bInsert;
    // B is not inside A's leftover transaction: its write is visible to a third client.
    assert.deepEqual(await rows("SELECT v FROM notes ORDER BY v"), ["b: after a left"]);
    await b.end();
  });

  test("a client that disconnects between Parse and Sync leaves nothing half-done", async () => {
    const before = await rows("SELECT 'ok' AS v");
    assert.deepEqual(before, ["ok"]);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(db.port, "127.0.0.1");
      socket.once("error", reject);
      socket.once("connect", () => {
        socket.write(startupMessage());
        socket.once("data", () => {
          // Parse + Bind + Execute of an INSERT, but no Sync; then gone.
          socket.write(Buffer.concat([parse("", "INSERT INTO notes VALUES ('half done')"), bind("", ""), execute("")]));
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 100);
        });
      });
    });
    assert.deepEqual(await rows("SELECT v FROM notes WHERE v = 'half done'"), []);
    assert.deepEqual(await rows("SELECT 'still fine' AS v"), ["still fine"]);
  });

  test("what a client sent before its Terminate still runs, after the transaction it waited for", async () => {
    await rows("TRUNCATE notes");
    const a = await client();
    await a.query("BEGIN");
    await a.query("INSERT INTO notes VALUES ('a: committed')");
    await new Promise<void>((resolve, reject) => {
      const socket = connect(db.port, "127.0.0.1");
      socket.once("error", reject);
      socket.once("connect", () => {
        socket.write(startupMessage());
        socket.once("data", () => {
          // Fire and forget, like a script that writes and quits: a Query, then Terminate, in one packet.
          socket.end(
            Buffer.concat([typed("Q", Buffer.from("INSERT INTO notes VALUES ('c: sent, then gone')\0")), typed("X", Buffer.alloc(0))]),
          );
          resolve();
        });
      });
    });
    await new Promise((r) => setTimeout(r, 100));
    await a.query("COMMIT");
    await a.end();
    assert.deepEqual(await rows("SELECT v FROM notes ORDER BY v"), ["a: committed", "c: sent, then gone"]);
  });

  test("simple queries (psql style) and extended-protocol queries (pg, Prisma) both work", async () => {
    const c = await client();
    // No parameters: pg sends a simple Query, several statements in one string.
    const simple = (await c.query("SELECT 1 AS n; SELECT 'two' AS s")) as unknown as pg.QueryResult[];
    assert.equal(simple.length, 2);
    assert.equal(simple[1]?.rows[0]?.s, "two");
    // Parameters: Parse/Bind/Describe/Execute/Sync with the unnamed statement.
    assert.equal((await c.query<{ s: string }>("SELECT $1::text || $2::text AS s", ["a", "b"])).rows[0]?.s, "ab");
    await c.end();
  });

  test("named prepared statements are per client: the same name on two clients, two statements", async () => {
    const a = await client();
    const b = await client();
    const [ra, rb] = await Promise.all([
      a.query<{ v: string }>({ name: "same-name", text: "SELECT 'from a: ' || $1::text AS v", values: ["1"] }),
      b.query<{ v: string }>({ name: "same-name", text: "SELECT 'from b: ' || $1::text AS v", values: ["1"] }),
    ]);
    assert.equal(ra.rows[0]?.v, "from a: 1");
    assert.equal(rb.rows[0]?.v, "from b: 1");
    // Reused by name (Bind only, no Parse): each client still gets its own statement.
    const again = await a.query<{ v: string }>({ name: "same-name", text: "SELECT 'from a: ' || $1::text AS v", values: ["2"] });
    assert.equal(again.rows[0]?.v, "from a: 2");
    await b.end();
    const c = await client();
    const count = await c.query<{ n: string }>("SELECT count(*) AS n FROM pg_prepared_statements WHERE name LIKE '%same-name'");
    assert.equal(count.rows[0]?.n, "1", "B's statement is closed when B leaves; A's stays");
    await Promise.all([a.end(), c.end()]);
  });

  test("Prisma's adapter: an interactive transaction and another pool, one at a time", async () => {
    await rows("TRUNCATE notes");
    const first = await new PrismaPg({ connectionString: db.url, max: 1 }).connect();
    const second = await new PrismaPg({ connectionString: db.url, max: 1 }).connect();
    try {
      const tx = await first.startTransaction();
      await tx.executeRaw({
        sql: "INSERT INTO notes VALUES ($1)",
        args: ["prisma: rolled back"],
        argTypes: [{ scalarType: "string", arity: "scalar" }],
      });
      const other = second.executeRaw({
        sql: "INSERT INTO notes VALUES ($1)",
        args: ["prisma: kept"],
        argTypes: [{ scalarType: "string", arity: "scalar" }],
      });
      assert.ok(await stillPending(other));
      await tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] });
      await tx.rollback();
      assert.equal(await other, 1);
      const result = await second.queryRaw({ sql: "SELECT v FROM notes", args: [], argTypes: [] });
      assert.deepEqual(result.rows, [["prisma: kept"]]);
    } finally {
      await Promise.all([first.dispose(), second.dispose()]);
    }
  });

  test("answers an SSLRequest with 'N' (psql's default sslmode=prefer goes on in plain text)", async () => {
    const answer = await new Promise<Buffer>((resolve, reject) => {
      const socket = connect(db.port, "127.0.0.1");
      socket.once("error", reject);
      socket.once("connect", () => socket.write(int32s(8, 80877103)));
      socket.once("data", (data: Buffer) => {
        socket.destroy();
        resolve(data);
      });
    });
    assert.equal(answer.toString("latin1"), "N");
  });

  const psql = "/usr/bin/psql";
  test("psql connects while an app holds a connection", { skip: !existsSync(psql) && "psql is not installed" }, async () => {
    const app = await client();
    await app.query("SELECT 1");
    const { stdout } = await promisify(execFile)(
      psql,
      ["-h", "127.0.0.1", "-p", String(db.port), "-U", "postgres", "-d", "postgres", "-At", "-c", "SELECT 40 + 2", "-c", "\\dt"],
      { timeout: 10_000, env: { ...process.env, PGCONNECT_TIMEOUT: "5" } },
    );
    assert.match(stdout, /^42$/m);
    assert.match(stdout, /notes/);
    assert.equal((await app.query<{ n: number }>("SELECT 7 AS n")).rows[0]?.n, 7);
    await app.end();
  });
});

describe("a transaction left open", () => {
  test("is cut after the idle-in-transaction timeout, so the others go on", async () => {
    const short = await startEmbeddedDatabase({ name: "idle", port: 0, dataDir: undefined }, "127.0.0.1", {
      idleInTransactionTimeoutMs: 300,
    });
    const a = new pg.Client({ connectionString: short.url });
    const b = new pg.Client({ connectionString: short.url });
    const aError = new Promise<Error>((resolve) => a.on("error", resolve));
    try {
      await Promise.all([a.connect(), b.connect()]);
      await a.query("CREATE TABLE t (v int)");
      await a.query("BEGIN");
      await a.query("INSERT INTO t VALUES (1)");
      const started = Date.now();
      const count = await b.query<{ n: string }>("SELECT count(*) AS n FROM t");
      assert.equal(count.rows[0]?.n, "0");
      assert.ok(Date.now() - started >= 250);
      assert.match((await aError).message, /idle-in-transaction/);
    } finally {
      await Promise.all([a.end().catch(() => undefined), b.end().catch(() => undefined)]);
      await short.stop();
    }
  });
});

test("lastReadyStatus reads the last ReadyForQuery of a reply", () => {
  const z = (status: string) => Buffer.concat([Buffer.from("Z"), int32s(5), Buffer.from(status)]);
  const commandComplete = Buffer.concat([Buffer.from("C"), int32s(10), Buffer.from("BEGIN\0", "latin1")]);
  assert.equal(lastReadyStatus(Buffer.concat([commandComplete, z("T")])), "T");
  assert.equal(lastReadyStatus(Buffer.concat([z("T"), commandComplete, z("I")])), "I");
  assert.equal(lastReadyStatus(commandComplete), undefined);
});

// A few frontend messages, written by hand for the tests that need the raw protocol.
function int32s(...values: number[]): Buffer {
  const b = Buffer.alloc(4 * values.length);
  for (const [i, v] of values.entries()) b.writeInt32BE(v, 4 * i);
  return b;
}
function typed(type: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(type, "latin1"), int32s(body.length + 4), body]);
}
function startupMessage(): Buffer {
  const body = Buffer.concat([int32s(196608), Buffer.from("user\0postgres\0database\0postgres\0\0", "latin1")]);
  return Buffer.concat([int32s(body.length + 4), body]);
}
function parse(name: string, sql: string): Buffer {
  return typed("P", Buffer.concat([Buffer.from(`${name}\0${sql}\0`), Buffer.from([0, 0])]));
}
function bind(portal: string, statement: string): Buffer {
  return typed("B", Buffer.concat([Buffer.from(`${portal}\0${statement}\0`), Buffer.from([0, 0, 0, 0, 0, 0])]));
}
function execute(portal: string): Buffer {
  return typed("E", Buffer.concat([Buffer.from(`${portal}\0`), int32s(0)]));
}
