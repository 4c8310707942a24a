// The refresh_token grant (RFC 6749 §6) with rotation and reuse detection (RFC 9700 §4.14.2), through
// the token endpoint's own function, on a real PostgreSQL (PGlite) and a clock the test moves.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { InvalidGrant, InvalidScope, OAuthError } from "@oauth-flow-lab/oauth";
import { decodeJwt } from "jose";
import { startTestDatabase, type TestDatabase } from "../../../test-support/auth-database";
import {
  formPost,
  obtainTokens,
  recordingLog,
  registerClient,
  type TestClient,
  testClock,
  testDependencies,
} from "../../../test-support/fixtures";
import type { ProtocolDependencies } from "../../dependencies";
import { handleTokenRequest } from "../../token";

let database: TestDatabase;
before(async () => {
  database = await startTestDatabase();
});
after(() => database.stop());

async function setUp() {
  const clock = testClock();
  const deps = testDependencies(database.db, clock);
  const client = await registerClient(deps.db);
  const tokens = await obtainTokens(deps, client);
  return { clock, deps, client, refresh_token: tokens.refresh_token ?? assert.fail("no refresh token") };
}

function refresh(
  deps: ProtocolDependencies,
  client: TestClient,
  refresh_token: string,
  extra: Record<string, string> = {},
  log = recordingLog(),
) {
  return handleTokenRequest(deps, formPost("/token", client, { grant_type: "refresh_token", refresh_token, ...extra }), log);
}

async function refusal(promise: Promise<unknown>): Promise<OAuthError> {
  const error = await promise.then(
    () => assert.fail("expected a refusal"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof OAuthError, String(error));
  return error;
}

test("rotation: a new refresh token each time, each check its own line", async () => {
  const { deps, client, refresh_token } = await setUp();
  const log = recordingLog();
  const response = await refresh(deps, client, refresh_token, {}, log);
  assert.ok(response.refresh_token && response.refresh_token !== refresh_token);
  assert.equal(response.scope, "openid profile offline_access mail.read");
  assert.equal(decodeJwt(response.access_token).client_id, client.client_id);
  assert.deepEqual(log.ids().slice(7), [
    "refresh-parameters:ok",
    "refresh-scope-syntax:ok",
    "refresh-token-issued:ok",
    "refresh-token-client:ok",
    "refresh-token-not-revoked:ok",
    "refresh-token-not-expired:ok",
    "refresh-grant-not-expired:ok",
    "refresh-token-unused:ok",
    "refresh-scope-not-widened:ok",
    "refresh-client-scopes:ok",
    "rotate-refresh-token:ok",
  ]);
  // The successor works in turn.
  assert.ok((await refresh(deps, client, response.refresh_token)).refresh_token);
});

test("reuse ends the family: the spent token fails, and so do its successor and every access token", async () => {
  const { deps, client, refresh_token } = await setUp();
  const rotated = await refresh(deps, client, refresh_token);
  const log = recordingLog();
  const reuse = await refusal(refresh(deps, client, refresh_token, {}, log));
  assert.ok(reuse instanceof InvalidGrant);
  assert.equal(reuse.error_description, "the refresh token was already used");
  assert.deepEqual(log.ids().slice(-1), ["refresh-token-unused:failed"]);
  const successor = await refusal(refresh(deps, client, rotated.refresh_token ?? ""));
  assert.equal(successor.error_description, "the refresh token has been revoked");
  const grants = await deps.db.grant.findMany({ where: { clientId: client.client_id } });
  assert.ok(grants.every((g) => g.revokedAt !== null));
  const access = await deps.db.accessToken.findMany({ where: { clientId: client.client_id } });
  assert.ok(access.length === 2 && access.every((a) => a.revokedAt !== null));
});

test("wrong client: the same answer as an unknown token, and the token stays usable by its owner", async () => {
  const { deps, client, refresh_token } = await setUp();
  const other = await registerClient(deps.db);
  const error = await refusal(refresh(deps, other, refresh_token));
  assert.ok(error instanceof InvalidGrant);
  assert.equal(error.error_description, "the refresh token is invalid");
  const unknown = await refusal(refresh(deps, client, "unknown"));
  assert.equal(unknown.error_description, error.error_description);
  assert.ok((await refresh(deps, client, refresh_token)).access_token);
});

test("scope: narrowing is allowed, widening is invalid_scope and spends nothing", async () => {
  const { deps, client, refresh_token } = await setUp();
  const wide = await refusal(refresh(deps, client, refresh_token, { scope: "openid mail.send" }));
  assert.ok(wide instanceof InvalidScope);
  assert.equal(wide.error_description, "the requested scope exceeds the original grant");
  const malformed = await refusal(refresh(deps, client, refresh_token, { scope: "openid  mail.read" }));
  assert.ok(malformed instanceof InvalidScope);
  assert.equal(malformed.error_description, "the scope parameter is malformed");
  const narrow = await refresh(deps, client, refresh_token, { scope: "mail.read" });
  assert.equal(narrow.scope, "mail.read");
  assert.equal(decodeJwt(narrow.access_token).scope, "mail.read");
});

test("expired: refused after its lifetime", async () => {
  const { clock, deps, client, refresh_token } = await setUp();
  clock.advance(deps.config.lifetimes.refresh_token + 1);
  const error = await refusal(refresh(deps, client, refresh_token));
  assert.ok(error instanceof InvalidGrant);
  assert.equal(error.error_description, "the refresh token has expired");
});

test("a client not registered for refresh_token is unauthorized_client before the token is looked at", async () => {
  const { deps, refresh_token } = await setUp();
  const codeOnly = await registerClient(deps.db, { grantTypes: ["authorization_code"] });
  const log = recordingLog();
  const error = await refusal(refresh(deps, codeOnly, refresh_token, {}, log));
  assert.equal(error.error, "unauthorized_client");
  assert.deepEqual(log.ids().slice(-1), ["client-grant-type:failed"]);
});

test("absolute lifetime: refreshing every 13 days keeps a grant alive only until grant_absolute", async () => {
  const { clock, deps, client, refresh_token } = await setUp();
  const { grant_absolute, refresh_token: idle } = deps.config.lifetimes;
  const step = idle - 24 * 3600;
  let current = refresh_token;
  let elapsed = 0;
  while (elapsed + step < grant_absolute) {
    clock.advance(step);
    elapsed += step;
    current = (await refresh(deps, client, current)).refresh_token ?? assert.fail("no successor");
  }
  // The successor never outlives its grant.
  const stored = await deps.db.refreshToken.findMany({ where: { clientId: client.client_id }, include: { grant: true } });
  assert.ok(stored.every((t) => t.expiresAt <= t.grant.expiresAt));
  clock.advance(grant_absolute - elapsed);
  const log = recordingLog();
  const error = await refusal(refresh(deps, client, current, {}, log));
  assert.ok(error instanceof InvalidGrant);
  assert.equal(error.error_description, "the grant has reached its absolute lifetime");
  assert.deepEqual(log.ids().slice(-1), ["refresh-grant-not-expired:failed"]);
});

test("the client's current registration: a scope no longer allowed is dropped for good; asked for, invalid_scope", async () => {
  const { deps, client, refresh_token } = await setUp();
  await deps.db.client.update({ where: { id: client.client_id }, data: { allowedScopes: ["openid", "profile", "offline_access"] } });
  const asked = await refusal(refresh(deps, client, refresh_token, { scope: "mail.read" }));
  assert.ok(asked instanceof InvalidScope);
  assert.equal(asked.error_description, "this client may no longer use mail.read");
  const narrowed = await refresh(deps, client, refresh_token);
  assert.equal(narrowed.scope, "openid profile offline_access");
  assert.equal(decodeJwt(narrowed.access_token).scope, "openid profile offline_access");
  // Allowed again, the scope does not come back through the narrowed grant's refresh tokens.
  await deps.db.client.update({
    where: { id: client.client_id },
    data: { allowedScopes: ["openid", "profile", "offline_access", "mail.read"] },
  });
  const again = await refresh(deps, client, narrowed.refresh_token ?? "");
  assert.equal(again.scope, "openid profile offline_access");
});

test("a client no longer allowed offline_access gets no refresh", async () => {
  const { deps, client, refresh_token } = await setUp();
  await deps.db.client.update({ where: { id: client.client_id }, data: { allowedScopes: ["openid", "profile", "mail.read"] } });
  const error = await refusal(refresh(deps, client, refresh_token));
  assert.ok(error instanceof InvalidGrant);
  assert.equal(error.error_description, "the client may no longer use this grant");
});

test("a disabled client: unauthorized_client, and its refresh token is not spent", async () => {
  const { deps, client, refresh_token } = await setUp();
  await deps.db.client.update({ where: { id: client.client_id }, data: { disabledAt: deps.now() } });
  const log = recordingLog();
  const error = await refusal(refresh(deps, client, refresh_token, {}, log));
  assert.equal(error.error, "unauthorized_client");
  assert.deepEqual(log.ids().slice(-1), ["client-enabled:failed"]);
  await deps.db.client.update({ where: { id: client.client_id }, data: { disabledAt: null } });
  assert.ok((await refresh(deps, client, refresh_token)).access_token);
});
