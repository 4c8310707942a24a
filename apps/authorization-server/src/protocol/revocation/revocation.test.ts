// Token revocation (RFC 7009) on a real PostgreSQL (PGlite): what each kind of token ends, and that
// nothing else changes (the answer is the same either way).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { InvalidClient, InvalidRequest, UnsupportedTokenType } from "@oauth-flow-lab/oauth";
import { startTestDatabase, type TestDatabase } from "../../test-support/auth-database";
import { formPost, obtainTokens, recordingLog, registerClient, testDependencies } from "../../test-support/fixtures";
import { isAccessTokenLive, verifyOwnAccessToken } from "../own-access-tokens";
import { revokeToken } from ".";

let database: TestDatabase;
before(async () => {
  database = await startTestDatabase();
});
after(() => database.stop());

async function live(deps: ReturnType<typeof testDependencies>, access_token: string): Promise<boolean> {
  const token = await verifyOwnAccessToken(deps, access_token);
  return token !== undefined && (await isAccessTokenLive(deps, token.jti));
}

test("RFC 7009 §2.1: revoking a refresh token ends its grant, its access tokens included", async () => {
  const deps = testDependencies(database.db);
  const client = await registerClient(deps.db);
  const tokens = await obtainTokens(deps, client);
  const log = recordingLog();
  await revokeToken(deps, formPost("/revoke", client, { token: tokens.refresh_token ?? "", token_type_hint: "refresh_token" }), log);
  assert.deepEqual(log.ids(), [
    "form-body:ok",
    "single-valued-parameters:ok",
    "client-authentication:ok",
    "token-present:ok",
    "token-type-hint:ok",
    "revoke-token:ok",
  ]);
  assert.equal(log.checks.at(-1)?.detail, "refresh token: its grant and every token of it revoked");
  assert.equal(await live(deps, tokens.access_token), false);
  const grants = await deps.db.grant.findMany({ where: { clientId: client.client_id } });
  assert.ok(grants.every((g) => g.revokedAt !== null));
});

test("revoking an access token ends that token only", async () => {
  const deps = testDependencies(database.db);
  const client = await registerClient(deps.db);
  const tokens = await obtainTokens(deps, client);
  await revokeToken(deps, formPost("/revoke", client, { token: tokens.access_token }));
  assert.equal(await live(deps, tokens.access_token), false);
  const refresh = await deps.db.refreshToken.findMany({ where: { clientId: client.client_id } });
  assert.ok(refresh.every((r) => r.revokedAt === null));
});

test("RFC 7009 §2.1: another client's live token is refused (invalid_request) and revokes nothing; garbage is 200", async () => {
  const deps = testDependencies(database.db);
  const owner = await registerClient(deps.db);
  const other = await registerClient(deps.db);
  const tokens = await obtainTokens(deps, owner);
  for (const token of [tokens.refresh_token ?? "", tokens.access_token]) {
    const log = recordingLog();
    await assert.rejects(
      revokeToken(deps, formPost("/revoke", other, { token }), log),
      (e) => e instanceof InvalidRequest && e.error_description === "the token was not issued to this client",
    );
    assert.deepEqual(log.ids().slice(-1), ["revoke-token:failed"]);
  }
  const log = recordingLog();
  await revokeToken(deps, formPost("/revoke", other, { token: "garbage" }), log);
  assert.match(log.checks.at(-1)?.detail ?? "", /nothing revoked/);
  assert.equal(await live(deps, tokens.access_token), true);
  const refresh = await deps.db.refreshToken.findMany({ where: { clientId: owner.client_id } });
  assert.ok(refresh.every((r) => r.revokedAt === null));
});

test("a public client naming another client's token gets the silent 200 (nothing proves who it is), nothing revoked", async () => {
  const deps = testDependencies(database.db);
  const owner = await registerClient(deps.db);
  const spa = await registerClient(deps.db, { public: true });
  const tokens = await obtainTokens(deps, owner);
  for (const token of [tokens.refresh_token ?? "", tokens.access_token]) {
    const log = recordingLog();
    await revokeToken(deps, formPost("/revoke", spa, { token }), log);
    assert.match(log.checks.at(-1)?.detail ?? "", /nothing revoked/);
  }
  assert.equal(await live(deps, tokens.access_token), true);
});

test("a token of another client that is already revoked is an invalid token: 200, nothing changes", async () => {
  const deps = testDependencies(database.db);
  const owner = await registerClient(deps.db);
  const other = await registerClient(deps.db);
  const tokens = await obtainTokens(deps, owner);
  await revokeToken(deps, formPost("/revoke", owner, { token: tokens.refresh_token ?? "" }));
  for (const token of [tokens.refresh_token ?? "", tokens.access_token]) {
    const log = recordingLog();
    await revokeToken(deps, formPost("/revoke", other, { token }), log);
    assert.match(log.checks.at(-1)?.detail ?? "", /nothing revoked/);
  }
});

test("RFC 7009 §2.1: a client registered for client_secret_basic cannot revoke with client_secret_post", async () => {
  const deps = testDependencies(database.db);
  const client = await registerClient(deps.db);
  const tokens = await obtainTokens(deps, client);
  await assert.rejects(revokeToken(deps, formPost("/revoke", client, { token: tokens.access_token }, "client_secret_post")), InvalidClient);
  assert.equal(await live(deps, tokens.access_token), true);
});

test("refusals: unauthenticated, no token, an unknown hint", async () => {
  const deps = testDependencies(database.db);
  const client = await registerClient(deps.db);
  await assert.rejects(revokeToken(deps, formPost("/revoke", undefined, { token: "x" })), InvalidClient);
  await assert.rejects(revokeToken(deps, formPost("/revoke", client, {})), InvalidRequest);
  const log = recordingLog();
  await assert.rejects(
    revokeToken(deps, formPost("/revoke", client, { token: "x", token_type_hint: "id_token" }), log),
    UnsupportedTokenType,
  );
  assert.deepEqual(log.ids().slice(-1), ["token-type-hint:failed"]);
});
