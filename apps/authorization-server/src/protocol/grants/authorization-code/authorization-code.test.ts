// The authorization_code grant (RFC 6749 §4.1.3, RFC 7636 §4.6) through the token endpoint's own
// function, on a real PostgreSQL (PGlite) and a clock the test moves: no running servers.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { generateCodeVerifier, InvalidGrant, InvalidRequest, OAuthError } from "@oauth-flow-lab/oauth";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { startTestDatabase, type TestDatabase } from "../../../test-support/auth-database";
import {
  createUser,
  formPost,
  issueCode,
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
  const user = await createUser(deps.db);
  const { code, code_verifier } = await issueCode(deps, client, user.id);
  return { clock, deps, client, user, code, code_verifier };
}

function exchange(
  deps: ProtocolDependencies,
  client: TestClient,
  params: { code: string; code_verifier: string; redirect_uri?: string },
  log = recordingLog(),
) {
  return handleTokenRequest(
    deps,
    formPost("/token", client, { grant_type: "authorization_code", redirect_uri: client.redirect_uri, ...params }),
    log,
  );
}

async function refusal(promise: Promise<unknown>): Promise<OAuthError> {
  const error = await promise.then(
    () => assert.fail("expected a refusal"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof OAuthError, String(error));
  return error;
}

test("success: access, refresh and ID tokens; every check reported in order", async () => {
  const { deps, client, user, code, code_verifier } = await setUp();
  const log = recordingLog();
  const response = await exchange(deps, client, { code, code_verifier }, log);
  assert.equal(response.token_type, "Bearer");
  assert.equal(response.expires_in, deps.config.lifetimes.access_token);
  assert.equal(response.scope, "openid profile offline_access mail.read");
  assert.ok(response.refresh_token);
  const access = decodeJwt(response.access_token);
  assert.equal(decodeProtectedHeader(response.access_token).typ, "at+jwt");
  assert.deepEqual(
    [access.iss, access.sub, access.aud, access.client_id],
    [deps.config.issuer, user.id, deps.config.accessTokenAudience, client.client_id],
  );
  assert.equal(access.iat, Math.floor(deps.now().getTime() / 1000));
  const id = decodeJwt(response.id_token ?? "");
  assert.deepEqual([id.aud, id.sub, id.nonce], [client.client_id, user.id, "n-0S6_WzA2Mj"]);
  assert.deepEqual(log.ids(), [
    "no-credentials-in-url:ok",
    "form-body:ok",
    "single-valued-parameters:ok",
    "client-authentication:ok",
    "client-enabled:ok",
    "grant-type-supported:ok",
    "client-grant-type:ok",
    "code-exchange-parameters:ok",
    "code-verifier-syntax:ok",
    "code-issued:ok",
    "code-client:ok",
    "code-redirect-uri:ok",
    "code-pkce:ok",
    "code-unused:ok",
    "code-not-expired:ok",
    "code-grant-active:ok",
    "issue-tokens:ok",
  ]);
});

test("replay: the second redemption fails and revokes every token of the first", async () => {
  const { deps, client, code, code_verifier } = await setUp();
  const first = await exchange(deps, client, { code, code_verifier });
  const log = recordingLog();
  const error = await refusal(exchange(deps, client, { code, code_verifier }, log));
  assert.ok(error instanceof InvalidGrant);
  assert.equal(error.error_description, "the authorization code was already used");
  assert.deepEqual(log.ids().slice(-5), ["code-issued:ok", "code-client:ok", "code-redirect-uri:ok", "code-pkce:ok", "code-unused:failed"]);
  assert.equal(log.checks.at(-1)?.detail, "invalid_grant: the authorization code was already used");
  // RFC 6749 §4.1.2: the refresh token of the first redemption is now revoked.
  const refresh = await refusal(
    handleTokenRequest(deps, formPost("/token", client, { grant_type: "refresh_token", refresh_token: first.refresh_token ?? "" })),
  );
  assert.equal(refresh.error_description, "the refresh token has been revoked");
  const access = await deps.db.accessToken.findMany({ where: { clientId: client.client_id } });
  assert.ok(access.length === 1 && access.every((a) => a.revokedAt !== null));
});

test("wrong client: refused, and nothing happens to the victim: the code is not spent, nothing is revoked", async () => {
  const { deps, client, code, code_verifier } = await setUp();
  const other = await registerClient(deps.db);
  const log = recordingLog();
  const error = await refusal(exchange(deps, other, { code, code_verifier, redirect_uri: client.redirect_uri }, log));
  assert.equal(error.error_description, "the authorization code was issued to another client");
  assert.deepEqual(log.ids().slice(-1), ["code-client:failed"]);
  // Twice, as a replay would: still no revocation, and the rightful client redeems its code.
  await refusal(exchange(deps, other, { code, code_verifier, redirect_uri: client.redirect_uri }));
  assert.ok((await exchange(deps, client, { code, code_verifier })).access_token);
});

test("a stolen code without the verifier: refused, not spent, and its replay cannot revoke the victim's tokens", async () => {
  const { deps, client, code, code_verifier } = await setUp();
  const tokens = await exchange(deps, client, { code, code_verifier });
  // The attacker replays the (now spent) code without the verifier: PKCE refuses before the replay check.
  const log = recordingLog();
  await refusal(exchange(deps, client, { code, code_verifier: generateCodeVerifier() }, log));
  assert.deepEqual(log.ids().slice(-1), ["code-pkce:failed"]);
  const refreshed = await handleTokenRequest(
    deps,
    formPost("/token", client, { grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "" }),
  );
  assert.ok(refreshed.access_token);
});

test("expired: refused one second after its lifetime", async () => {
  const { clock, deps, client, code, code_verifier } = await setUp();
  clock.advance(deps.config.lifetimes.authorization_code + 1);
  const error = await refusal(exchange(deps, client, { code, code_verifier }));
  assert.ok(error instanceof InvalidGrant);
  assert.equal(error.error_description, "the authorization code has expired");
});

test("still valid at exactly its lifetime", async () => {
  const { clock, deps, client, code, code_verifier } = await setUp();
  clock.advance(deps.config.lifetimes.authorization_code);
  assert.ok((await exchange(deps, client, { code, code_verifier })).access_token);
});

test("redirect_uri mismatch: refused", async () => {
  const { deps, client, code, code_verifier } = await setUp();
  const error = await refusal(exchange(deps, client, { code, code_verifier, redirect_uri: `${client.redirect_uri}/` }));
  assert.ok(error instanceof InvalidGrant);
  assert.equal(error.error_description, "redirect_uri does not match the authorization request");
});

test("PKCE mismatch: refused; a malformed verifier is an invalid_request before the code is looked at", async () => {
  const { deps, client, code } = await setUp();
  const log = recordingLog();
  const error = await refusal(exchange(deps, client, { code, code_verifier: generateCodeVerifier() }, log));
  assert.ok(error instanceof InvalidGrant);
  assert.equal(error.error_description, "PKCE verification failed: code_verifier does not match code_challenge");
  assert.deepEqual(log.checks.at(-1), {
    id: "code-pkce",
    check: "PKCE: BASE64URL(SHA-256(code_verifier)) equals the code_challenge",
    ok: false,
    rfc: "RFC 7636 §4.6",
    detail: "invalid_grant: PKCE verification failed: code_verifier does not match code_challenge",
  });
  const fresh = await setUp();
  const malformed = await refusal(exchange(fresh.deps, fresh.client, { code: fresh.code, code_verifier: "short" }));
  assert.ok(malformed instanceof InvalidRequest);
  // Not consumed: the request never reached the code.
  assert.ok((await exchange(fresh.deps, fresh.client, { code: fresh.code, code_verifier: fresh.code_verifier })).access_token);
});

test("revoked grant: refused", async () => {
  const { deps, client, code, code_verifier } = await setUp();
  await deps.db.grant.updateMany({ where: { clientId: client.client_id }, data: { revokedAt: deps.now() } });
  const error = await refusal(exchange(deps, client, { code, code_verifier }));
  assert.equal(error.error_description, "the grant has been revoked");
});

test("an unknown code is invalid_grant; a public client redeems with PKCE alone", async () => {
  const { deps, client, code_verifier } = await setUp();
  const unknown = await refusal(exchange(deps, client, { code: "not-a-code", code_verifier }));
  assert.equal(unknown.error_description, "the authorization code is invalid");

  const spa = await registerClient(deps.db, { public: true });
  const user = await createUser(deps.db);
  const issued = await issueCode(deps, spa, user.id, ["openid", "mail.read"]);
  const response = await exchange(deps, spa, issued);
  assert.equal(response.refresh_token, undefined); // no offline_access
  assert.ok(response.id_token);
});
