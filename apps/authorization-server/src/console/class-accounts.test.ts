// Class accounts on a real PostgreSQL (PGlite): bulk creation with one-time passwords stored only as
// hashes, the CLI's first teacher, disable (sessions end, grants revoked) and reset, each limited to the
// teacher's own students; the first-login password change; and the progress upsert.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { randomToken } from "@/lib/random";
import type { PasswordHasher } from "@/protocol/users";
import { changeOneTimePassword, mayReceiveCode, needsPasswordChange } from "../accounts/first-login-password";
import { attemptPasswordLogin } from "../protocol/password-login";
import { startTestDatabase, type TestDatabase } from "../test-support/auth-database";
import { issueCode, registerClient, testClock, testDependencies } from "../test-support/fixtures";
import { createClassAccounts, disableAccount, parseNames, resetPassword } from "./class-accounts";
import { classProgress, progressReportSchema, recordProgress } from "./progress";
import { createTeacherAccount, TeacherAccountRefused } from "./teacher-account";

let database: TestDatabase;
before(async () => {
  database = await startTestDatabase();
});
after(() => database.stop());

const plainHasher: PasswordHasher = {
  hash: async (password) => `plain:${password}`,
  verify: async (hash, password) => hash === `plain:${password}`,
  needsRehash: () => false,
};

async function teacher(): Promise<string> {
  const created = await createTeacherAccount(
    { db: database.db, hash: plainHasher.hash },
    {
      username: `t-${randomToken(4)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, "x")}`,
      name: "Ms T",
    },
  );
  const row = await database.db.user.findUniqueOrThrow({ where: { username: created.username } });
  return row.id;
}

const deps = () => ({ db: database.db, now: () => new Date(), hash: plainHasher.hash });

test("the CLI's teacher: role teacher, one-time password hashed and to be changed; bad or taken usernames refused", async () => {
  const created = await createTeacherAccount(
    { db: database.db, hash: plainHasher.hash },
    { username: "Head.Teacher", name: "Head Teacher" },
  );
  assert.equal(created.username, "head.teacher");
  const row = await database.db.user.findUniqueOrThrow({ where: { username: "head.teacher" } });
  assert.equal(row.role, "teacher");
  assert.equal(row.mustChangePassword, true);
  assert.equal(row.passwordHash, `plain:${created.password}`);
  await assert.rejects(
    createTeacherAccount({ db: database.db, hash: plainHasher.hash }, { username: "head.teacher", name: "X" }),
    TeacherAccountRefused,
  );
  await assert.rejects(
    createTeacherAccount({ db: database.db, hash: plainHasher.hash }, { username: "a b", name: "X" }),
    TeacherAccountRefused,
  );
});

test("pasted names: blank lines ignored, empty and oversize pastes refused", () => {
  assert.deepEqual(parseNames("Ada Lovelace\n\n  Alan   Turing \r\n"), { outcome: "ok", names: ["Ada Lovelace", "Alan Turing"] });
  assert.deepEqual(parseNames(" \n "), { outcome: "invalid", problem: "names_empty" });
  assert.deepEqual(parseNames(Array.from({ length: 61 }, (_, i) => `Student ${i}`).join("\n")), {
    outcome: "invalid",
    problem: "names_too_many",
  });
});

test("bulk creation: unique usernames, distinct one-time passwords stored only as hashes, must change", async () => {
  const teacherId = await teacher();
  const first = await createClassAccounts(deps(), teacherId, ["Grace Hopper", "Grace Hopper", "Linus Torvalds"]);
  assert.deepEqual(
    first.map((a) => a.username),
    ["grace.hopper", "grace.hopper2", "linus.torvalds"],
  );
  assert.equal(new Set(first.map((a) => a.password)).size, 3);
  const again = await createClassAccounts(deps(), teacherId, ["Grace Hopper"]);
  assert.equal(again[0]?.username, "grace.hopper3");
  const rows = await database.db.user.findMany({ where: { createdById: teacherId } });
  assert.equal(rows.length, 4);
  for (const row of rows) {
    assert.equal(row.role, "student");
    assert.equal(row.mustChangePassword, true);
    assert.ok(!first.some((a) => row.passwordHash === a.password), "never stored in clear");
  }
});

test("first login: no code before the change; the new password follows the rules; the one-time password then fails", async () => {
  const teacherId = await teacher();
  const [account] = await createClassAccounts(deps(), teacherId, ["Katherine Johnson"]);
  assert.ok(account);
  const user = await database.db.user.findUniqueOrThrow({ where: { username: account.username } });
  const login = (password: string) =>
    attemptPasswordLogin(
      { db: database.db, now: () => new Date(), passwords: plainHasher },
      { username: account.username, password, address: null },
    );
  const first = await login(account.password);
  assert.equal(first.outcome, "ok");
  assert.equal(first.outcome === "ok" && first.mustChangePassword, true);
  assert.equal(await mayReceiveCode(database.db, user.id), false);
  const change = (password: string, confirmation = password) =>
    changeOneTimePassword({ db: database.db, passwords: plainHasher }, user.id, { password, confirmation });
  assert.deepEqual(await change("short"), { outcome: "invalid", problem: "password_short" });
  assert.deepEqual(await change("a fine long password", "another"), { outcome: "invalid", problem: "password_mismatch" });
  assert.deepEqual(await change(account.password), { outcome: "invalid", problem: "password_same" });
  assert.deepEqual(await change("orbit lantern pebble"), { outcome: "changed" });
  assert.deepEqual(await change("a second new password"), { outcome: "not_required" });
  assert.equal(await needsPasswordChange(database.db, user.id), false);
  assert.equal(await mayReceiveCode(database.db, user.id), true);
  assert.equal((await login(account.password)).outcome, "credentials");
  const now = await login("orbit lantern pebble");
  assert.equal(now.outcome === "ok" && now.mustChangePassword, false);
});

test("disable: sessions end, grants revoked, login refused like a wrong password; only the teacher's own students", async () => {
  const teacherId = await teacher();
  const otherTeacher = await teacher();
  const [account] = await createClassAccounts(deps(), teacherId, ["Margaret Hamilton"]);
  assert.ok(account);
  const user = await database.db.user.findUniqueOrThrow({ where: { username: account.username } });
  await database.db.user.update({ where: { id: user.id }, data: { mustChangePassword: false } });
  const protocol = testDependencies(database.db, testClock(new Date()));
  const client = await registerClient(database.db);
  await issueCode(protocol, client, user.id);
  await database.db.session.create({
    data: {
      id: randomToken(16),
      tokenHash: randomToken(),
      userId: user.id,
      authTime: new Date(),
      expiresAt: new Date(Date.now() + 3600_000),
    },
  });

  assert.equal(await database.db.grant.count({ where: { userId: user.id, revokedAt: null } }), 1);
  assert.equal(await disableAccount(deps(), otherTeacher, user.id), false);
  assert.equal(await database.db.session.count({ where: { userId: user.id } }), 1);
  assert.equal(await disableAccount(deps(), teacherId, user.id), true);
  assert.equal(await database.db.session.count({ where: { userId: user.id } }), 0);
  assert.equal(await database.db.grant.count({ where: { userId: user.id, revokedAt: null } }), 0);
  assert.equal(await mayReceiveCode(database.db, user.id), false);
  const login = await attemptPasswordLogin(
    { db: database.db, now: () => new Date(), passwords: plainHasher },
    { username: account.username, password: account.password, address: null },
  );
  assert.equal(login.outcome, "credentials");
});

test("reset: a new one-time password, must change again, sessions end; another teacher's student is refused", async () => {
  const teacherId = await teacher();
  const [account] = await createClassAccounts(deps(), teacherId, ["Barbara Liskov"]);
  assert.ok(account);
  const user = await database.db.user.findUniqueOrThrow({ where: { username: account.username } });
  await database.db.user.update({ where: { id: user.id }, data: { mustChangePassword: false, passwordHash: "plain:own password 123" } });
  await database.db.session.create({
    data: {
      id: randomToken(16),
      tokenHash: randomToken(),
      userId: user.id,
      authTime: new Date(),
      expiresAt: new Date(Date.now() + 3600_000),
    },
  });
  assert.equal(await resetPassword(deps(), await teacher(), user.id), null);
  const issued = await resetPassword(deps(), teacherId, user.id);
  assert.ok(issued);
  assert.notEqual(issued.password, account.password);
  const row = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
  assert.equal(row.mustChangePassword, true);
  assert.equal(row.passwordHash, `plain:${issued.password}`);
  assert.equal(await database.db.session.count({ where: { userId: user.id } }), 0);
});

test("progress upsert: the guided step only grows, an attack keeps its last outcome and counts runs; nothing secret", async () => {
  const teacherId = await teacher();
  const [account] = await createClassAccounts(deps(), teacherId, ["Frances Allen"]);
  assert.ok(account);
  const user = await database.db.user.findUniqueOrThrow({ where: { username: account.username } });
  const report = (body: unknown) => recordProgress({ db: database.db, now: () => new Date() }, progressReportSchema.parse(body));
  assert.equal(await report({ sub: user.id, activity: "guided", step: 3 }), true);
  await Promise.all([report({ sub: user.id, activity: "guided", step: 2 }), report({ sub: user.id, activity: "guided", step: 4 })]);
  await report({ sub: user.id, activity: "attack:7", outcome: "twin-fooled" });
  await report({ sub: user.id, activity: "attack:7", outcome: "held" });
  await report({ sub: user.id, activity: "attack:12", outcome: "broken" });
  assert.equal(await report({ sub: "nobody", activity: "guided", step: 1 }), false);

  const [row] = await classProgress(database.db, teacherId);
  assert.equal(row?.guidedStep, 4);
  assert.deepEqual(row?.attacks, [
    { scenario: "7", outcome: "held", runs: 2 },
    { scenario: "12", outcome: "broken", runs: 1 },
  ]);
  assert.deepEqual(Object.keys(row ?? {}).sort(), [
    "attacks",
    "disabled",
    "guidedStep",
    "id",
    "lastActivity",
    "mustChangePassword",
    "name",
    "username",
  ]);
  assert.deepEqual(await classProgress(database.db, await teacher()), []);
});

test("progress reports: unknown fields, steps out of range and unknown outcomes are refused", () => {
  for (const bad of [
    { sub: "x", activity: "guided", step: 0 },
    { sub: "x", activity: "guided", step: 7 },
    { sub: "x", activity: "guided", step: 2, access_token: "eyJ" },
    { sub: "x", activity: "attack:7", outcome: "pwned" },
    { sub: "x", activity: "attack:../x", outcome: "held" },
    { sub: "x", activity: "other", step: 1 },
  ]) {
    assert.equal(progressReportSchema.safeParse(bad).success, false, JSON.stringify(bad));
  }
});
