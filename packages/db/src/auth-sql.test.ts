// The AS's hot statements (auth-statements.ts) through its pool (auth-sql.ts), on the embedded PostgreSQL
// with the AS's migrations: a pool of several connections through the multiplexer stays correct (one
// transaction at a time, each connection's prepared statements apart), a code is spent once and a
// refresh token rotated once however many race for it, and timestamps are UTC whatever the process's zone.

import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import pg from "pg";
import { authSql, createAuthDb, type PrismaClient } from "./auth";
import { AUTH_STATEMENTS } from "./auth-statements";
import { type RunningEmbeddedDatabase, startEmbeddedDatabase } from "./embedded-postgres";

const MIGRATIONS = new URL("../../../prisma/auth/migrations/", import.meta.url);

let embedded: RunningEmbeddedDatabase;
let db: PrismaClient;

before(async () => {
  embedded = await startEmbeddedDatabase({ name: "test", port: 0, dataDir: undefined });
  const setup = new pg.Client({ connectionString: embedded.url });
  await setup.connect();
  const names = (await readdir(MIGRATIONS, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  for (const name of names.sort()) await setup.query(await readFile(new URL(`${name}/migration.sql`, MIGRATIONS), "utf8"));
  await setup.end();
  // Several connections, as the app's pool has (APP_POOL_SIZE).
  db = createAuthDb(embedded.url, 6);
  await db.user.create({ data: { id: "u1", username: "u1", email: "u1@labmail.test", name: "U One", passwordHash: "unused" } });
  await db.client.create({
    data: {
      id: "c1",
      name: "C One",
      secretHash: "h",
      tokenEndpointAuthMethod: "client_secret_basic",
      redirectUris: ["http://app.test/cb"],
      allowedScopes: ["openid", "offline_access"],
      grantTypes: ["authorization_code", "refresh_token"],
    },
  });
});

after(async () => {
  await db.$disconnect();
  await embedded.stop();
});

const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

async function grantWithCode(codeHash: string): Promise<string> {
  const grantId = `g-${codeHash}`;
  const t = new Date();
  await authSql(db).query(AUTH_STATEMENTS.insertGrantWithCode, [
    grantId,
    "u1",
    "c1",
    "openid offline_access",
    t,
    later(3600),
    codeHash,
    "http://app.test/cb",
    "challenge",
    "S256",
    null,
    later(60),
    t,
  ]);
  return grantId;
}

test("the grant and its code in one statement, read back with the grant and its user, times in UTC", async () => {
  const previousZone = process.env.TZ;
  process.env.TZ = "America/New_York"; // pg would read timestamp columns in this zone: ours are UTC
  try {
    const authTime = new Date("2026-11-30T12:34:56.789Z");
    await authSql(db).query(AUTH_STATEMENTS.insertGrantWithCode, [
      "g-utc",
      "u1",
      "c1",
      "openid",
      authTime,
      later(3600),
      "code-utc",
      "http://app.test/cb",
      null,
      null,
      "n-1",
      later(60),
      new Date(),
    ]);
    const [row] = await authSql(db).query<{ g_authTime: Date; u_email: string; nonce: string; codeChallenge: null }>(
      AUTH_STATEMENTS.codeWithGrant,
      ["code-utc"],
    );
    assert.equal(row?.g_authTime.toISOString(), authTime.toISOString());
    assert.equal(row?.u_email, "u1@labmail.test");
    assert.equal(row?.nonce, "n-1");
    assert.equal(row?.codeChallenge, null);
    // Prisma reads the same instant.
    const grant = await db.grant.findUnique({ where: { id: "g-utc" } });
    assert.equal(grant?.authTime.toISOString(), authTime.toISOString());
  } finally {
    if (previousZone === undefined) delete process.env.TZ;
    else process.env.TZ = previousZone;
  }
});

test("a code is spent once: of ten concurrent redemptions on six connections, one records tokens", async () => {
  const grantId = await grantWithCode("code-race");
  const outcomes = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      authSql(db).transaction(async (query) => {
        const spent = await query(AUTH_STATEMENTS.consumeCode, ["code-race", new Date()]);
        if (spent.length !== 1) return false;
        await query(AUTH_STATEMENTS.recordTokens, [
          `jti-${i}`,
          grantId,
          "c1",
          later(600),
          new Date(),
          new Date(),
          `rt-${i}`,
          "openid",
          later(3600),
        ]);
        return true;
      }),
    ),
  );
  assert.equal(outcomes.filter(Boolean).length, 1);
  assert.equal(await db.accessToken.count({ where: { grantId } }), 1);
  assert.equal(await db.refreshToken.count({ where: { grantId } }), 1);
  assert.ok((await db.grant.findUnique({ where: { id: grantId } }))?.lastUsedAt);
});

test("a refresh token rotates once: of ten concurrent rotations, one gets a successor, the rest see a reuse", async () => {
  const grantId = await grantWithCode("code-rotation");
  await authSql(db).query(AUTH_STATEMENTS.recordTokens, [
    "jti-first",
    grantId,
    "c1",
    later(600),
    new Date(),
    new Date(),
    "rt-first",
    "openid",
    later(3600),
  ]);
  const spent = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      authSql(db).query<{ grantId: string }>(AUTH_STATEMENTS.rotateRefreshToken, [
        "rt-first",
        new Date(),
        `rt-next-${i}`,
        "c1",
        "openid",
        later(3600),
        `jti-next-${i}`,
        later(600),
        new Date(),
        new Date(),
      ]),
    ),
  );
  assert.deepEqual(
    spent.filter((rows) => rows.length === 1).map((rows) => rows[0]?.grantId),
    [grantId],
  );
  assert.equal(await db.refreshToken.count({ where: { grantId } }), 2);
  assert.equal(await db.accessToken.count({ where: { grantId } }), 2);
  const [first] = await authSql(db).query<{ usedAt: Date | null }>(AUTH_STATEMENTS.refreshTokenWithGrant, ["rt-first"]);
  assert.ok(first?.usedAt);
});

test("a failed statement rolls its transaction back and leaves the connection usable", async () => {
  await grantWithCode("code-rolled-back");
  await assert.rejects(
    // Inside the transaction only its own `query`: on the embedded database another connection's
    // statement would wait for this transaction to end.
    authSql(db).transaction(async (query) => {
      await query(AUTH_STATEMENTS.consumeCode, ["code-rolled-back", new Date()]);
      // A duplicate primary key: the transaction fails.
      await query(AUTH_STATEMENTS.insertGrantWithCode, [
        "g-code-rolled-back",
        "u1",
        "c1",
        "s",
        new Date(),
        later(1),
        "x",
        "r",
        null,
        null,
        null,
        later(1),
        new Date(),
      ]);
    }),
  );
  const [code] = await authSql(db).query<{ consumedAt: Date | null }>(AUTH_STATEMENTS.codeWithGrant, ["code-rolled-back"]);
  assert.equal(code?.consumedAt, null);
  const clients = await Promise.all(
    Array.from({ length: 12 }, () => authSql(db).query<{ id: string }>(AUTH_STATEMENTS.clientById, ["c1"])),
  );
  assert.ok(clients.every((rows) => rows[0]?.id === "c1"));
});

test("the login path: an interaction's parameters and times read back as Prisma wrote them, finished once", async () => {
  const params = { client_id: "c1", scope: ["openid", "mail.read"], state: "s-é", prompt: [] };
  const created = new Date("2026-11-30T08:00:00.123Z");
  await authSql(db).query(AUTH_STATEMENTS.insertInteraction, [
    "i-1",
    "bind",
    "csrf",
    "c1",
    JSON.stringify(params),
    null,
    null,
    later(600),
    created,
  ]);
  const [row] = await authSql(db).query<{ params: unknown; userId: string | null; completedAt: Date | null }>(
    AUTH_STATEMENTS.interactionById,
    ["i-1"],
  );
  assert.deepEqual(row?.params, params);
  assert.equal(row?.userId, null);
  const authTime = new Date("2026-11-30T08:00:05.456Z");
  await authSql(db).query(AUTH_STATEMENTS.attachInteractionUser, ["i-1", "u1", authTime]);
  const stored = await db.interaction.findUnique({ where: { id: "i-1" } });
  assert.deepEqual(stored?.params, params);
  assert.equal(stored?.createdAt.toISOString(), created.toISOString());
  assert.equal(stored?.authTime?.toISOString(), authTime.toISOString());
  const finished = await Promise.all(
    Array.from({ length: 5 }, () => authSql(db).query(AUTH_STATEMENTS.completeInteraction, ["i-1", new Date()])),
  );
  assert.equal(finished.filter((rows) => rows.length === 1).length, 1);
});

test("consent: the scopes allowed before, then the new ones, each once; two consents at once both count", async () => {
  const remember = (scopes: string[]) => authSql(db).query(AUTH_STATEMENTS.rememberConsent, ["u1", "c1", scopes, new Date()]);
  await remember(["openid", "mail.read"]);
  await remember(["mail.send", "openid"]);
  const scopes = async () => (await authSql(db).query<{ scopes: string[] }>(AUTH_STATEMENTS.consentScopes, ["u1", "c1"]))[0]?.scopes;
  assert.deepEqual(await scopes(), ["openid", "mail.read", "mail.send"]);
  await Promise.all([remember(["profile"]), remember(["email"])]);
  assert.deepEqual(new Set(await scopes()), new Set(["openid", "mail.read", "mail.send", "profile", "email"]));
});
