// The UserInfo endpoint (OpenID Connect Core §5.3) on a real PostgreSQL (PGlite).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { InsufficientScope, InvalidToken } from "@oauth-flow-lab/oauth";
import { startTestDatabase, type TestDatabase } from "../../test-support/auth-database";
import { obtainTokens, recordingLog, registerClient, testDependencies } from "../../test-support/fixtures";
import { userinfo } from ".";

let database: TestDatabase;
before(async () => {
  database = await startTestDatabase();
});
after(() => database.stop());

test("the claims the scopes release; every check reported", async () => {
  const deps = testDependencies(database.db);
  const client = await registerClient(deps.db);
  const tokens = await obtainTokens(deps, client, ["openid", "profile"]);
  const log = recordingLog();
  const claims = await userinfo(deps, `Bearer ${tokens.access_token}`, log);
  assert.equal(claims.name, "Test User");
  assert.equal(claims.email, undefined); // no email scope
  assert.deepEqual(log.ids(), [
    "bearer-token-present:ok",
    "access-token-valid:ok",
    "access-token-audience:ok",
    "access-token-not-revoked:ok",
    "openid-scope:ok",
    "user-exists:ok",
  ]);
});

test("refusals: no token, a foreign token, no openid scope", async () => {
  const deps = testDependencies(database.db);
  const client = await registerClient(deps.db);
  await assert.rejects(userinfo(deps, null), InvalidToken);
  await assert.rejects(userinfo(deps, "Bearer abc.def.ghi"), InvalidToken);
  const tokens = await obtainTokens(deps, client, ["mail.read"]);
  await assert.rejects(userinfo(deps, `Bearer ${tokens.access_token}`), InsufficientScope);
});

test("RFC 9068 §4: a live token minted for another audience is refused; the issuer's own audience is accepted", async () => {
  const deps = testDependencies(database.db);
  const client = await registerClient(deps.db);
  const withAudience = (accessTokenAudience: string) => ({ ...deps, config: { ...deps.config, accessTokenAudience } });
  const foreign = await obtainTokens(withAudience("https://other-api.example"), client, ["openid"]);
  const log = recordingLog();
  await assert.rejects(
    userinfo(deps, `Bearer ${foreign.access_token}`, log),
    (e) => e instanceof InvalidToken && e.error_description === "the access token is not meant for this endpoint",
  );
  assert.deepEqual(log.ids().slice(-1), ["access-token-audience:failed"]);
  const forIssuer = await obtainTokens(withAudience(deps.config.issuer), client, ["openid"]);
  assert.ok((await userinfo(deps, `Bearer ${forIssuer.access_token}`)).sub);
});
