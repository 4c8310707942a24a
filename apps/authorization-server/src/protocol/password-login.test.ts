// The login throttle (OWASP ASVS 2.2.1) and password hashing (OWASP Password Storage Cheat Sheet) on a
// real PostgreSQL (PGlite), with a clock the test moves and a password hasher the test counts.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { LOGIN_THROTTLE, PASSWORD_HASHING } from "@oauth-flow-lab/lab";
import argon2 from "argon2";
import { randomToken } from "@/lib/random";
import { startTestDatabase, type TestDatabase } from "../test-support/auth-database";
import { type TestClock, testClock } from "../test-support/fixtures";
import { purgeThrottleRows, THROTTLE } from "./login-throttle";
import { attemptPasswordLogin, type LoginDependencies } from "./password-login";
import { argon2idHasher, type PasswordHasher } from "./users";

let database: TestDatabase;
before(async () => {
  database = await startTestDatabase();
});
after(() => database.stop());

/** A hasher that counts verifications and takes as long as a real one would, so races can show. */
function countingHasher(): PasswordHasher & { verifications: number } {
  const hasher = {
    verifications: 0,
    hash: async (password: string) => `plain:${password}`,
    async verify(hash: string, password: string) {
      hasher.verifications++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return hash === `plain:${password}`;
    },
    needsRehash: () => false,
  };
  return hasher;
}

function setUp(passwords: PasswordHasher = countingHasher(), clock: TestClock = testClock()) {
  const deps: LoginDependencies = { db: database.db, now: clock.now, passwords };
  return { deps, clock };
}

async function createUser(passwordHash: string): Promise<string> {
  const id = randomToken(8);
  const username = `user-${id}`.toLowerCase();
  await database.db.user.create({ data: { id, username, email: `${id}@labmail.test`, name: "Test User", passwordHash } });
  return username;
}

const login = (deps: LoginDependencies, username: string, password: string, address: string | null = null) =>
  attemptPasswordLogin(deps, { username, password, address }).then((r) => r.outcome);

test("20 parallel wrong passwords for one account: at most the limit of argon2 verifications ran", async () => {
  const passwords = countingHasher();
  const { deps } = setUp(passwords);
  const username = await createUser("plain:right");
  const outcomes = await Promise.all(Array.from({ length: 20 }, () => login(deps, username, "wrong")));
  assert.ok(passwords.verifications <= LOGIN_THROTTLE.perAccountAndAddress, `${passwords.verifications} verifications`);
  assert.equal(outcomes.filter((o) => o === "credentials").length, passwords.verifications);
  assert.equal(outcomes.filter((o) => o === "throttled").length, 20 - passwords.verifications);
  // The right password now waits too: no verification while the delay runs.
  assert.equal(await login(deps, username, "right"), "throttled");
  assert.equal(passwords.verifications, LOGIN_THROTTLE.perAccountAndAddress);
});

test("past the limit, one attempt after a delay that doubles each time; a success forgets the count", async () => {
  const { deps, clock } = setUp();
  const username = await createUser("plain:right");
  for (let i = 0; i < LOGIN_THROTTLE.perAccountAndAddress; i++) assert.equal(await login(deps, username, "wrong"), "credentials");
  assert.equal(await login(deps, username, "wrong"), "throttled");
  clock.advance(THROTTLE.firstDelaySeconds);
  assert.equal(await login(deps, username, "wrong"), "credentials");
  clock.advance(THROTTLE.firstDelaySeconds);
  assert.equal(await login(deps, username, "wrong"), "throttled", "the second delay is twice the first");
  clock.advance(THROTTLE.firstDelaySeconds);
  assert.equal(await login(deps, username, "right"), "ok");
  assert.equal(await login(deps, username, "wrong"), "credentials", "a success starts the count over");
});

test("no account-wide lock: a stranger's failures at another address do not delay the student", async () => {
  const { deps } = setUp();
  const username = await createUser("plain:right");
  for (let i = 0; i < 10; i++) await login(deps, username, "wrong", "203.0.113.66");
  assert.equal(await login(deps, username, "wrong", "203.0.113.66"), "throttled");
  assert.equal(await login(deps, username, "right", "198.51.100.7"), "ok");
  // Without a trusted proxy every attempt shares the address "direct": a delay per account.
  for (let i = 0; i < LOGIN_THROTTLE.perAccountAndAddress; i++) await login(deps, username, "wrong");
  assert.equal(await login(deps, username, "right"), "throttled");
});

test("per address: at most perAddress failures in a window, whatever the account; successes are given back", async () => {
  const { deps, clock } = setUp();
  const address = `192.0.2.${Math.floor(Math.random() * 200) + 1}`;
  const username = await createUser("plain:right");
  for (let i = 0; i < 3; i++) assert.equal(await login(deps, username, "right", address), "ok");
  for (let i = 0; i < LOGIN_THROTTLE.perAddress; i++) {
    assert.equal(await login(deps, `nobody-${i}-${randomToken(4)}`, "wrong", address), "credentials", `attempt ${i}`);
  }
  assert.equal(await login(deps, `nobody-${randomToken(4)}`, "wrong", address), "throttled");
  assert.equal(await login(deps, username, "right", address), "throttled");
  assert.equal(await login(deps, username, "right", "192.0.2.250"), "ok", "another address is not affected");
  clock.advance(THROTTLE.windowSeconds);
  assert.equal(await login(deps, username, "right", address), "ok", "the window ends");
});

test("the throttle table is bounded: rows whose window and delay are over are purged, others kept", async () => {
  const { deps, clock } = setUp();
  const username = await createUser("plain:right");
  for (let i = 0; i < LOGIN_THROTTLE.perAccountAndAddress; i++) await login(deps, username, "wrong", "203.0.113.9");
  const key = `account:${username}|address:203.0.113.9`;
  const row = () => database.db.loginThrottle.findUnique({ where: { key } });
  await purgeThrottleRows(deps);
  assert.ok(await row(), "a running window is kept");
  clock.advance(THROTTLE.windowSeconds);
  await purgeThrottleRows(deps);
  assert.ok(await row(), "kept for a window after its delay");
  clock.advance(THROTTLE.firstDelaySeconds);
  await purgeThrottleRows(deps);
  assert.equal(await row(), null);
});

test("argon2id with OWASP's parameters; a hash with other parameters is replaced on login", async () => {
  const { deps } = setUp(argon2idHasher);
  // The argon2 package's defaults (m = 64 MiB, t = 3, p = 4), as the seed used to hash.
  const old = await argon2.hash("right", { type: argon2.argon2id });
  assert.ok(argon2idHasher.needsRehash(old));
  const username = await createUser(old);
  assert.equal(await login(deps, username, "wrong"), "credentials");
  assert.equal((await database.db.user.findUnique({ where: { username } }))?.passwordHash, old, "no rehash without the password");
  assert.equal(await login(deps, username, "right"), "ok");
  const rehashed = (await database.db.user.findUnique({ where: { username } }))?.passwordHash ?? "";
  const { memoryCost, timeCost, parallelism } = PASSWORD_HASHING;
  const [, type, , params] = rehashed.split("$");
  assert.equal(type, "argon2id");
  assert.deepEqual(new Set(params?.split(",")), new Set([`m=${memoryCost}`, `t=${timeCost}`, `p=${parallelism}`]));
  assert.equal(argon2idHasher.needsRehash(rehashed), false);
  assert.equal(await login(deps, username, "right"), "ok");
  assert.equal((await database.db.user.findUnique({ where: { username } }))?.passwordHash, rehashed, "hashed once");
  // An argon2i hash is replaced too (needsRehash alone looks only at m, t, p and the version).
  assert.ok(argon2idHasher.needsRehash(await argon2.hash("x", { type: argon2.argon2i, ...PASSWORD_HASHING })));
});
