// Token introspection (RFC 7662) on a real PostgreSQL (PGlite) and a clock the test moves.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { InvalidClient, InvalidRequest, UnauthorizedClient } from "@oauth-flow-lab/oauth";
import { startTestDatabase, type TestDatabase } from "../../test-support/auth-database";
import { formPost, obtainTokens, recordingLog, registerClient, testClock, testDependencies } from "../../test-support/fixtures";
import { revokeToken } from "../revocation";
import { introspectToken } from ".";

let database: TestDatabase;
before(async () => {
  database = await startTestDatabase();
});
after(() => database.stop());

async function setUp() {
  const clock = testClock();
  const deps = testDependencies(database.db, clock);
  const client = await registerClient(deps.db);
  const resourceServer = await registerClient(deps.db, { introspectionAllowed: true, grantTypes: [] });
  const tokens = await obtainTokens(deps, client);
  return { clock, deps, client, resourceServer, tokens };
}

test("RFC 7662 §2.2: an active access token, with its claims", async () => {
  const { deps, client, resourceServer, tokens } = await setUp();
  const log = recordingLog();
  const answer = await introspectToken(deps, formPost("/introspect", resourceServer, { token: tokens.access_token }), log);
  assert.ok(answer.active);
  assert.equal(answer.client_id, client.client_id);
  assert.equal(answer.iss, deps.config.issuer);
  assert.equal(answer.scope, tokens.scope);
  assert.deepEqual(log.ids(), [
    "form-body:ok",
    "single-valued-parameters:ok",
    "client-authentication:ok",
    "introspection-allowed:ok",
    "token-present:ok",
    "token-state:ok",
  ]);
  assert.equal(log.checks.at(-1)?.detail, "active");
});

test("inactive, never a reason: revoked, expired, a refresh token, garbage", async () => {
  const { clock, deps, client, resourceServer, tokens } = await setUp();
  const ask = async (token: string) => introspectToken(deps, formPost("/introspect", resourceServer, { token }));
  assert.deepEqual(await ask(tokens.refresh_token ?? ""), { active: false });
  assert.deepEqual(await ask("garbage"), { active: false });

  const other = await obtainTokens(deps, client);
  await revokeToken(deps, formPost("/revoke", client, { token: other.access_token }));
  assert.deepEqual(await ask(other.access_token), { active: false });

  clock.advance(deps.config.lifetimes.access_token + 1);
  assert.deepEqual(await ask(tokens.access_token), { active: false });
});

test("RFC 7662 §2.1: only authenticated resource servers may ask", async () => {
  const { deps, client, resourceServer, tokens } = await setUp();
  const log = recordingLog();
  await assert.rejects(introspectToken(deps, formPost("/introspect", client, { token: tokens.access_token }), log), UnauthorizedClient);
  assert.deepEqual(log.ids().slice(-1), ["introspection-allowed:failed"]);
  await assert.rejects(introspectToken(deps, formPost("/introspect", undefined, { token: tokens.access_token })), InvalidClient);
  await assert.rejects(
    introspectToken(deps, formPost("/introspect", { ...resourceServer, client_secret: "wrong" }, { token: tokens.access_token })),
    InvalidClient,
  );
  await assert.rejects(introspectToken(deps, formPost("/introspect", resourceServer, {})), InvalidRequest);
});

test("RFC 8414 §2: introspection accepts exactly its advertised methods: no 'none', and only the registered one", async () => {
  const deps = testDependencies(database.db);
  // Even a public client marked as a resource server cannot ask: it proves nothing about itself.
  const publicServer = await registerClient(deps.db, { public: true, introspectionAllowed: true });
  const log = recordingLog();
  await assert.rejects(introspectToken(deps, formPost("/introspect", publicServer, { token: "x" }), log), InvalidClient);
  assert.deepEqual(log.ids().slice(-1), ["client-authentication:failed"]);
  const basicServer = await registerClient(deps.db, { introspectionAllowed: true });
  await assert.rejects(introspectToken(deps, formPost("/introspect", basicServer, { token: "x" }, "client_secret_post")), InvalidClient);
  assert.deepEqual(await introspectToken(deps, formPost("/introspect", basicServer, { token: "x" })), { active: false });
});
