// The scheduled purge of expired rows, on a real PostgreSQL (PGlite) with a clock the test moves: every
// table that grew without bound shrinks back, and what still proves something is kept.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { LIFETIMES } from "@oauth-flow-lab/lab";
import { randomToken } from "@/lib/random";
import { startTestDatabase, type TestDatabase } from "../test-support/auth-database";
import { createUser, formPost, issueCode, registerClient, testClock, testDependencies } from "../test-support/fixtures";
import { attemptPasswordLogin } from "./password-login";
import { purgeExpiredRows, purgeExpiredRowsIfDue } from "./purge-expired";
import { handleTokenRequest } from "./token";

let database: TestDatabase;
before(async () => {
  database = await startTestDatabase();
});
after(() => database.stop());

test("each kind of row is deleted once past its lifetime, and not before", async () => {
  const clock = testClock();
  const deps = testDependencies(database.db, clock);
  const { db } = deps;
  const client = await registerClient(db);
  const user = await createUser(db);
  // A flow: code, grant, refresh and access tokens.
  const { code, code_verifier } = await issueCode(deps, client, user.id);
  await handleTokenRequest(
    deps,
    formPost("/token", client, { grant_type: "authorization_code", code, code_verifier, redirect_uri: client.redirect_uri }),
  );
  // An abandoned interaction, a session, a throttle row.
  const at = (seconds: number) => new Date(clock.now().getTime() + seconds * 1000);
  await db.interaction.create({
    data: {
      id: randomToken(8),
      bindingHash: "b",
      csrfToken: "c",
      clientId: client.client_id,
      params: {},
      expiresAt: at(LIFETIMES.interaction.seconds),
    },
  });
  await db.session.create({
    data: {
      id: randomToken(8),
      tokenHash: randomToken(),
      userId: user.id,
      authTime: clock.now(),
      expiresAt: at(LIFETIMES.session.seconds),
    },
  });
  await attemptPasswordLogin(
    { db, now: clock.now, passwords: { hash: async () => "x", verify: async () => false, needsRehash: () => false } },
    { username: "nobody", password: "guess", address: null },
  );
  const count = async () => ({
    grants: await db.grant.count(),
    refresh_tokens: await db.refreshToken.count(),
    access_tokens: await db.accessToken.count(),
    authorization_codes: await db.authorizationCode.count(),
    interactions: await db.interaction.count(),
    sessions: await db.session.count(),
    login_throttle: await db.loginThrottle.count(),
  });
  const all = { grants: 1, refresh_tokens: 1, access_tokens: 1, authorization_codes: 1, interactions: 1, sessions: 1, login_throttle: 1 };
  assert.deepEqual(await count(), all);

  assert.deepEqual(
    await purgeExpiredRows(deps),
    { ...all, ...Object.fromEntries(Object.keys(all).map((k) => [k, 0])) },
    "nothing is due yet",
  );

  // Interactions and access tokens (both 10 minutes) end; the code expired, but is remembered for replays.
  clock.advance(Math.max(LIFETIMES.interaction.seconds, LIFETIMES.access_token.seconds));
  const first = await purgeExpiredRows(deps);
  assert.deepEqual([first.interactions, first.access_tokens, first.authorization_codes], [1, 1, 0]);

  clock.advance(LIFETIMES.session.seconds); // sessions end; the throttle row's window too
  const later = await purgeExpiredRows(deps);
  assert.deepEqual([later.sessions, later.login_throttle], [1, 1]);

  clock.advance(LIFETIMES.code_replay_memory.seconds);
  assert.equal((await purgeExpiredRows(deps)).authorization_codes, 1);

  clock.advance(LIFETIMES.refresh_token.seconds); // the idle refresh token
  assert.equal((await purgeExpiredRows(deps)).refresh_tokens, 1);
  assert.equal((await count()).grants, 1, "the grant lives to its absolute end");

  clock.advance(LIFETIMES.grant_absolute.seconds);
  assert.equal((await purgeExpiredRows(deps)).grants, 1);
  assert.deepEqual(await count(), Object.fromEntries(Object.keys(all).map((k) => [k, 0])));
});

test("a grant's tokens go with it when it reaches its absolute lifetime", async () => {
  const clock = testClock(new Date("2027-06-01T00:00:00Z"));
  const deps = testDependencies(database.db, clock);
  const client = await registerClient(deps.db);
  const user = await createUser(deps.db);
  const { code, code_verifier } = await issueCode(deps, client, user.id);
  await handleTokenRequest(
    deps,
    formPost("/token", client, { grant_type: "authorization_code", code, code_verifier, redirect_uri: client.redirect_uri }),
  );
  clock.advance(LIFETIMES.grant_absolute.seconds);
  await purgeExpiredRows(deps);
  assert.equal(await deps.db.grant.count({ where: { clientId: client.client_id } }), 0);
  assert.equal(await deps.db.refreshToken.count({ where: { clientId: client.client_id } }), 0);
  assert.equal(await deps.db.authorizationCode.count({ where: { clientId: client.client_id } }), 0);
});

test("scheduled: at most once per interval, whichever instance asks", async () => {
  const clock = testClock(new Date("2028-01-01T00:00:00Z"));
  const deps = testDependencies(database.db, clock);
  const interval = LIFETIMES.purge_interval.seconds;
  assert.ok(await purgeExpiredRowsIfDue(deps));
  assert.equal(await purgeExpiredRowsIfDue(deps), null, "a second instance at the same moment");
  clock.advance(interval - 1);
  assert.equal(await purgeExpiredRowsIfDue(deps), null);
  clock.advance(1);
  assert.ok(await purgeExpiredRowsIfDue(deps));
});
