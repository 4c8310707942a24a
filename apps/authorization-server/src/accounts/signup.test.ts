// Sign-up on a real PostgreSQL (PGlite): the rules, case-insensitive uniqueness, and the per-address
// throttle counted atomically before any hashing.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { PasswordHasher } from "@/protocol/users";
import { startTestDatabase, type TestDatabase } from "../test-support/auth-database";
import { testClock } from "../test-support/fixtures";
import { signUp } from "./signup";
import { admitSignupAttempt, SIGNUP_THROTTLE } from "./signup-throttle";

let database: TestDatabase;
before(async () => {
  database = await startTestDatabase();
});
after(() => database.stop());

function countingHasher(): PasswordHasher & { hashes: number } {
  const hasher = {
    hashes: 0,
    async hash(password: string) {
      hasher.hashes++;
      return `plain:${password}`;
    },
    verify: async (hash: string, password: string) => hash === `plain:${password}`,
    needsRehash: () => false,
  };
  return hasher;
}

test("a good form creates a lowercased account; the same name in other case is taken; bad forms are refused unhashed", async () => {
  const passwords = countingHasher();
  const deps = { db: database.db, now: testClock().now, passwords };
  const created = await signUp(deps, { username: " Grace.H ", name: " Grace Hopper ", password: "a long class passphrase" }, "192.0.2.1");
  assert.equal(created.outcome, "created");
  const row = await database.db.user.findUniqueOrThrow({ where: { username: "grace.h" } });
  assert.equal(row.name, "Grace Hopper");
  assert.equal(row.email, "grace.h@labmail.test");
  assert.equal(row.passwordHash, "plain:a long class passphrase");

  const taken = await signUp(deps, { username: "GRACE.H", name: "Another", password: "another long passphrase" }, "192.0.2.1");
  assert.deepEqual(taken, { outcome: "invalid", problems: { username: "username_taken" } });
  const bad = await signUp(deps, { username: "x", name: "", password: "grace.h-is-me-ok" }, "192.0.2.1");
  assert.deepEqual(bad, { outcome: "invalid", problems: { username: "username_pattern", name: "name" } });
  assert.equal(passwords.hashes, 1);
});

test("20 parallel sign-up attempts from one address: exactly the limit is admitted, other addresses are not affected", async () => {
  const deps = { db: database.db, now: testClock().now };
  const results = await Promise.all(Array.from({ length: 20 }, () => admitSignupAttempt(deps, "signup:address:198.51.100.7", 5)));
  assert.equal(results.filter(Boolean).length, 5);
  assert.equal(await admitSignupAttempt(deps, "signup:address:198.51.100.8", 5), true);
  // The window ends: admitted again.
  const later = { db: database.db, now: () => new Date(deps.now().getTime() + SIGNUP_THROTTLE.windowSeconds * 1000) };
  assert.equal(await admitSignupAttempt(later, "signup:address:198.51.100.7", 5), true);
});
