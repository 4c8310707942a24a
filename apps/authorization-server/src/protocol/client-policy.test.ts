// The attack lab twins' weakened policies (client-policy.ts) on a real PostgreSQL (PGlite), through the
// authorization endpoint's checks and the token endpoint: prefix matching (RFC 9700 §4.1.1) and optional
// PKCE (RFC 9700 §2.1.1) for the twin registered with them, and nothing changed for any other client,
// even one whose stored row says the same (only a registered attack lab twin can be weakened).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { NAIVE_CLIENTS, naiveAccessTokenAudience } from "@oauth-flow-lab/lab";
import {
  calculateCodeChallenge,
  generateCodeVerifier,
  InvalidClientOrRedirectUri,
  InvalidGrant,
  InvalidRequest,
  OAuthError,
} from "@oauth-flow-lab/oauth";
import { decodeJwt } from "jose";
import { startTestDatabase, type TestDatabase } from "../test-support/auth-database";
import { createUser, formPost, recordingLog, registerClient, type TestClient, testDependencies } from "../test-support/fixtures";
import { type AuthorizationRequest, RedirectableError, validateAuthorizationRequest } from "./authorization";
import { issueAuthorizationCode } from "./authorization-codes";
import type { ProtocolDependencies } from "./dependencies";
import { handleTokenRequest } from "./token";

let database: TestDatabase;
let deps: ProtocolDependencies;
/** The prefix twin and the no-PKCE twin, registered under their lab ids with their stored policies. */
let prefixTwin: TestClient;
let noPkceTwin: TestClient;
/** Real clients: one with the defaults, one whose row claims the twins' policies (and must not get them). */
let real: TestClient;
let mislabelled: TestClient;

before(async () => {
  database = await startTestDatabase();
  deps = testDependencies(database.db);
  prefixTwin = await registerClient(deps.db, { clientId: NAIVE_CLIENTS.prefixRedirect.client_id, redirectUriMatching: "prefix" });
  noPkceTwin = await registerClient(deps.db, { clientId: NAIVE_CLIENTS.noPkce.client_id, pkceRequired: false });
  real = await registerClient(deps.db);
  mislabelled = await registerClient(deps.db, { redirectUriMatching: "prefix", pkceRequired: false });
});
after(() => database.stop());

function query(client: TestClient, overrides: Record<string, string | undefined> = {}): URLSearchParams {
  const params: Record<string, string | undefined> = {
    response_type: "code",
    client_id: client.client_id,
    redirect_uri: client.redirect_uri,
    scope: "openid mail.read",
    state: "xyz",
    code_challenge: calculateCodeChallenge(generateCodeVerifier()),
    code_challenge_method: "S256",
    ...overrides,
  };
  return new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail("expected a refusal"),
    (e: unknown) => e,
  );
}

/** What a client sees of a refusal: the error, and whether (and where) it was redirected. */
function answer(error: unknown): unknown {
  if (error instanceof RedirectableError) return { redirect_uri: error.redirect_uri, ...error.error.toJSON() };
  assert.ok(error instanceof OAuthError, String(error));
  return { status: error.status, ...error.toJSON() };
}

const BENT = ["/evil", "/../../attacker", "?next=https://attacker.example", ".attacker.example"];

test("RFC 9700 §4.1.1: the prefix twin gets a longer redirect_uri, and the trace says PREFIX loudly", async () => {
  for (const suffix of BENT) {
    const log = recordingLog();
    const bent = `${prefixTwin.redirect_uri}${suffix}`;
    const { request } = await validateAuthorizationRequest(deps.db, query(prefixTwin, { redirect_uri: bent }), log);
    assert.equal(request.redirect_uri, bent);
    const check = log.checks.find((c) => c.id === "check-redirect-uri");
    assert.equal(check?.detail, `${bent} matched by PREFIX: unsafe, attack lab twin`);
  }
  // Its exact URI is reported as an exact match; something that is not a prefix extension is refused.
  const log = recordingLog();
  await validateAuthorizationRequest(deps.db, query(prefixTwin), log);
  assert.equal(log.checks.find((c) => c.id === "check-redirect-uri")?.detail, prefixTwin.redirect_uri);
  await assert.rejects(
    validateAuthorizationRequest(deps.db, query(prefixTwin, { redirect_uri: "http://attacker.example/cb" })),
    InvalidClientOrRedirectUri,
  );
  // Its PKCE stays required.
  const noChallenge = answer(
    await refusal(
      validateAuthorizationRequest(deps.db, query(prefixTwin, { code_challenge: undefined, code_challenge_method: undefined })),
    ),
  );
  assert.deepEqual(noChallenge, {
    redirect_uri: prefixTwin.redirect_uri,
    error: "invalid_request",
    error_description: "PKCE is required: the code_challenge parameter is missing",
  });
});

test("real clients keep exact matching and required PKCE, with the same answers, whatever their row says", async () => {
  for (const client of [real, mislabelled]) {
    for (const suffix of BENT) {
      const error = await refusal(
        validateAuthorizationRequest(deps.db, query(client, { redirect_uri: `${client.redirect_uri}${suffix}` })),
      );
      assert.deepEqual(answer(error), {
        status: 400,
        error: "invalid_request",
        error_description: "this redirect_uri is not registered for the client",
      });
    }
    const error = await refusal(
      validateAuthorizationRequest(deps.db, query(client, { code_challenge: undefined, code_challenge_method: undefined })),
    );
    assert.deepEqual(answer(error), {
      redirect_uri: client.redirect_uri,
      error: "invalid_request",
      error_description: "PKCE is required: the code_challenge parameter is missing",
    });
    const log = recordingLog();
    const { request } = await validateAuthorizationRequest(deps.db, query(client), log);
    assert.equal(log.checks.find((c) => c.id === "check-redirect-uri")?.detail, client.redirect_uri);
    assert.equal(log.checks.find((c) => c.id === "check-pkce")?.detail, request.code_challenge);
    assert.equal(request.code_challenge_method, "S256");
  }
});

/** An authorization code as the authorization endpoint issues it (to request.client_id) after login and consent. */
async function issue(request: AuthorizationRequest): Promise<string> {
  const user = await createUser(deps.db);
  return issueAuthorizationCode(deps, request, user.id, deps.now());
}

function redeem(client: TestClient, code: string, code_verifier?: string, log = recordingLog()) {
  const params: Record<string, string> = { grant_type: "authorization_code", code, redirect_uri: client.redirect_uri };
  if (code_verifier !== undefined) params.code_verifier = code_verifier;
  return handleTokenRequest(deps, formPost("/token", client, params), log);
}

test("RFC 9700 §2.1.1: the no-PKCE twin may omit code_challenge, and redeems that code without a verifier", async () => {
  const authorizeLog = recordingLog();
  const { request } = await validateAuthorizationRequest(
    deps.db,
    query(noPkceTwin, { code_challenge: undefined, code_challenge_method: undefined }),
    authorizeLog,
  );
  assert.equal(request.code_challenge, undefined);
  assert.equal(
    authorizeLog.checks.find((c) => c.id === "check-pkce")?.detail,
    "no code_challenge: PKCE OPTIONAL for this client (unsafe, attack lab twin)",
  );
  const code = await issue(request);
  assert.equal((await deps.db.authorizationCode.findFirst({ where: { clientId: noPkceTwin.client_id } }))?.codeChallenge, null);

  const log = recordingLog();
  const tokens = await redeem(noPkceTwin, code, undefined, log);
  assert.ok(tokens.access_token);
  assert.ok(log.ids().includes("code-pkce:ok"));
  assert.equal(
    log.checks.find((c) => c.id === "code-pkce")?.detail,
    "SKIPPED: the code was issued without a code_challenge (unsafe, attack lab twin)",
  );
  // RFC 8707 §2: its access token is for the naive endpoint only; the real mail API refuses that aud.
  assert.equal(decodeJwt(tokens.access_token).aud, naiveAccessTokenAudience(deps.config.accessTokenAudience));
  assert.equal(naiveAccessTokenAudience("http://mail.test/"), "http://mail.test/naive");

  // RFC 9700 §4.8.2: a verifier sent for a code issued without a challenge is refused.
  const second = await issue(
    (await validateAuthorizationRequest(deps.db, query(noPkceTwin, { code_challenge: undefined, code_challenge_method: undefined })))
      .request,
  );
  const downgrade = await refusal(redeem(noPkceTwin, second, generateCodeVerifier()));
  assert.ok(downgrade instanceof InvalidGrant);
});

test("a code the no-PKCE twin got WITH a challenge is always verified", async () => {
  const code_verifier = generateCodeVerifier();
  const { request } = await validateAuthorizationRequest(
    deps.db,
    query(noPkceTwin, { code_challenge: calculateCodeChallenge(code_verifier) }),
  );
  const without = await refusal(redeem(noPkceTwin, await issue(request)));
  assert.ok(without instanceof InvalidGrant);
  assert.equal(
    without.error_description,
    "PKCE verification failed: the code was issued with a code_challenge, but no code_verifier was sent",
  );
  const wrong = await refusal(redeem(noPkceTwin, await issue(request), generateCodeVerifier()));
  assert.ok(wrong instanceof InvalidGrant);
  assert.ok((await redeem(noPkceTwin, await issue(request), code_verifier)).access_token);
  // A plain challenge stays refused for the twin too (RFC 9700 §4.8).
  await assert.rejects(validateAuthorizationRequest(deps.db, query(noPkceTwin, { code_challenge_method: "plain" })), RedirectableError);
});

test("real clients cannot redeem a code without a verifier: the same invalid_request as before", async () => {
  for (const client of [real, mislabelled]) {
    const code_verifier = generateCodeVerifier();
    const { request } = await validateAuthorizationRequest(
      deps.db,
      query(client, { code_challenge: calculateCodeChallenge(code_verifier) }),
    );
    const code = await issue(request);
    const log = recordingLog();
    const error = await refusal(redeem(client, code, undefined, log));
    assert.ok(error instanceof InvalidRequest);
    assert.deepEqual(answer(error), {
      status: 400,
      error: "invalid_request",
      error_description: "PKCE is required: the code_verifier parameter is missing",
    });
    assert.deepEqual(log.ids().slice(-1), ["code-exchange-parameters:failed"]);
    // The code was not spent by that refusal (it never reached the redemption): the verifier still redeems it.
    const ok = recordingLog();
    const tokens = await redeem(client, code, code_verifier, ok);
    assert.equal(ok.checks.find((c) => c.id === "code-pkce")?.detail, request.code_challenge);
    assert.equal(decodeJwt(tokens.access_token).aud, deps.config.accessTokenAudience);
  }
});
