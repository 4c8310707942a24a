// Unit tests of the authorization endpoint's checks, one by one and as the list the runner executes
// (the database-backed flow is covered by the integration tests in e2e/integration).
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  calculateCodeChallenge,
  InvalidClientOrRedirectUri,
  InvalidRequest,
  InvalidScope,
  type ProtocolCheck,
  UnsupportedResponseType,
} from "@oauth-flow-lab/oauth";
import type { RegisteredClient } from "../client-authentication";
import { RedirectableError, validateAuthorizationRequest } from ".";
import { checkMaxAge, checkPrompt, MAX_AGE_LIMIT_SECONDS, mustAuthenticateAgain } from "./check-openid-parameters";
import { checkPkce } from "./check-pkce";
import { checkRedirectUri, isRegisteredRedirectUri } from "./check-redirect-uri";
import { checkResponseType } from "./check-response-type";
import { checkScope } from "./check-scope";

const registered = "http://127.0.0.1:3000/api/auth/callback/labmail";
const client: RegisteredClient = {
  id: "dashboard",
  name: "MailDash",
  secretHash: "x",
  redirectUris: [registered],
  postLogoutRedirectUris: [],
  allowedScopes: ["openid", "mail.read"],
  grantTypes: ["authorization_code", "refresh_token"],
  tokenEndpointAuthMethod: "client_secret_basic",
  introspectionAllowed: false,
  redirectUriMatching: "exact",
  pkceRequired: true,
  disabledAt: null,
};

test("RFC 9700 §4.1.3: redirect_uri matches only character for character", () => {
  assert.equal(isRegisteredRedirectUri([registered], registered), true);
  for (const attempt of [
    `${registered}/`,
    `${registered}?next=/`,
    `${registered}#x`,
    registered.replace("127.0.0.1", "localhost"),
    registered.replace(":3000", ":3001"),
    registered.replace("http:", "https:"),
    registered.toUpperCase(),
    "http://127.0.0.1:3000/api/auth/callback/labmail/../labmail",
    "http://127.0.0.1:3000.attacker.example/api/auth/callback/labmail",
  ]) {
    assert.equal(isRegisteredRedirectUri([registered], attempt), false, attempt);
    assert.throws(() => checkRedirectUri(client, { redirect_uri: attempt }), InvalidClientOrRedirectUri);
  }
  assert.throws(() => checkRedirectUri(client, {}), InvalidClientOrRedirectUri);
});

test("RFC 6749 §4.1.1: only response_type=code", () => {
  assert.equal(checkResponseType({ response_type: "code" }), "code");
  assert.throws(() => checkResponseType({ response_type: "token" }), UnsupportedResponseType);
  assert.throws(() => checkResponseType({ response_type: "code id_token" }), UnsupportedResponseType);
  assert.throws(() => checkResponseType({}), InvalidRequest);
});

test("RFC 6749 §3.3: scopes must be known and allowed for the client", () => {
  assert.deepEqual(checkScope(client, { scope: "openid mail.read" }), ["openid", "mail.read"]);
  assert.throws(() => checkScope(client, { scope: "openid mail.send" }), InvalidScope); // known, not allowed
  assert.throws(() => checkScope(client, { scope: "openid admin" }), InvalidScope); // unknown
  assert.throws(() => checkScope(client, {}), InvalidScope);
});

test("RFC 7636 §4.3: PKCE S256 is required, plain is refused", () => {
  const code_challenge = calculateCodeChallenge("a".repeat(43));
  assert.deepEqual(checkPkce({ code_challenge, code_challenge_method: "S256" }), { code_challenge, code_challenge_method: "S256" });
  assert.throws(() => checkPkce({}), InvalidRequest);
  assert.throws(() => checkPkce({ code_challenge }), InvalidRequest); // method defaults to plain
  assert.throws(() => checkPkce({ code_challenge, code_challenge_method: "plain" }), InvalidRequest);
  assert.throws(() => checkPkce({ code_challenge: "short", code_challenge_method: "S256" }), InvalidRequest);
});

test("OpenID Connect Core §3.1.2.1: prompt=none stands alone", () => {
  assert.deepEqual(checkPrompt({ prompt: "login consent" }), ["login", "consent"]);
  assert.throws(() => checkPrompt({ prompt: "none consent" }), InvalidRequest);
  assert.throws(() => checkPrompt({ prompt: "select_account" }), InvalidRequest);
});

// The runner over the whole list, with a stand-in for the one table the checks read.
const clients = { client: { findUnique: async ({ where }: { where: { id: string } }) => (where.id === client.id ? client : null) } };
const db = clients as unknown as Parameters<typeof validateAuthorizationRequest>[0];
const valid = () =>
  new URLSearchParams({
    response_type: "code",
    client_id: client.id,
    redirect_uri: registered,
    scope: "openid mail.read",
    state: "xyz",
    code_challenge: calculateCodeChallenge("a".repeat(43)),
    code_challenge_method: "S256",
  });

test("every authorization check is reported in order, the four formerly silent ones included", async () => {
  const checks: ProtocolCheck[] = [];
  await validateAuthorizationRequest(db, valid(), { push: (c) => void checks.push(c) });
  assert.deepEqual(
    checks.map((c) => c.id),
    [
      "check-parameters",
      "check-client",
      "check-redirect-uri",
      "client-enabled",
      "check-response-type",
      "check-state",
      "check-scope",
      "check-pkce",
      "check-prompt",
      "check-nonce",
      "check-max-age",
      "check-client-grant-type",
    ],
  );
  assert.ok(checks.every((c) => c.ok));
});

test("a refusal after the redirect_uri is verified is redirectable, and nothing after it is reported", async () => {
  const checks: ProtocolCheck[] = [];
  const query = valid();
  query.set("nonce", "n".repeat(513));
  await assert.rejects(
    validateAuthorizationRequest(db, query, { push: (c) => void checks.push(c) }),
    (e) =>
      e instanceof RedirectableError &&
      e.redirect_uri === registered &&
      e.state === "xyz" &&
      e.error.error_description === "nonce is too long",
  );
  assert.deepEqual(checks.at(-1), {
    id: "check-nonce",
    check: "nonce, if any, is at most 512 characters",
    ok: false,
    rfc: "OpenID Connect Core §3.1.2.1",
    detail: "invalid_request: nonce is too long",
  });
  assert.equal(checks.length, 10);
  const unknown = valid();
  unknown.set("client_id", "nobody");
  await assert.rejects(validateAuthorizationRequest(db, unknown), InvalidClientOrRedirectUri);
  const codeless: RegisteredClient = { ...client, grantTypes: ["refresh_token"] };
  const other = { client: { findUnique: async () => codeless } } as unknown as typeof db;
  await assert.rejects(
    validateAuthorizationRequest(other, valid()),
    (e) => e instanceof RedirectableError && e.error instanceof InvalidRequest,
  );
});

test("a disabled client is refused once its redirect_uri is verified: unauthorized_client, redirectable", async () => {
  const disabled: RegisteredClient = { ...client, disabledAt: new Date(0) };
  const handle = { client: { findUnique: async () => disabled } } as unknown as typeof db;
  const checks: ProtocolCheck[] = [];
  await assert.rejects(
    validateAuthorizationRequest(handle, valid(), { push: (c) => void checks.push(c) }),
    (e) => e instanceof RedirectableError && e.error.error === "unauthorized_client",
  );
  assert.deepEqual(checks.at(-1)?.id, "client-enabled");
});

test("OpenID Connect Core §3.1.2.1: a malformed max_age is invalid_request, sent back to the client", async () => {
  for (const max_age of ["-1", "1.5", "1e3", "+5", " 5", "0x10", "05", "abc", "99999999999", String(MAX_AGE_LIMIT_SECONDS + 1)]) {
    const query = valid();
    query.set("max_age", max_age);
    await assert.rejects(
      validateAuthorizationRequest(db, query),
      (e) => e instanceof RedirectableError && e.error instanceof InvalidRequest && e.redirect_uri === registered && e.state === "xyz",
      JSON.stringify(max_age),
    );
  }
  for (const [max_age, expected] of [
    ["0", 0],
    ["300", 300],
    [String(MAX_AGE_LIMIT_SECONDS), MAX_AGE_LIMIT_SECONDS],
  ] as const) {
    const query = valid();
    query.set("max_age", max_age);
    assert.equal((await validateAuthorizationRequest(db, query)).request.max_age, expected);
  }
  assert.equal((await validateAuthorizationRequest(db, valid())).request.max_age, undefined);
  // RFC 6749 §3.1: "Parameters sent without a value MUST be treated as if they were omitted".
  const empty = valid();
  empty.set("max_age", "");
  assert.equal((await validateAuthorizationRequest(db, empty)).request.max_age, undefined);
  assert.equal(checkMaxAge({}), undefined);
});

test("OpenID Connect Core §3.1.2.1: prompt=login, or a session older than max_age, must log in again", () => {
  const authTime = new Date("2026-01-01T10:00:00Z");
  const later = (seconds: number) => new Date(authTime.getTime() + seconds * 1000);
  assert.equal(mustAuthenticateAgain({ prompt: [], max_age: undefined }, authTime, later(86_400)), false);
  assert.equal(mustAuthenticateAgain({ prompt: ["login"], max_age: undefined }, authTime, authTime), true);
  assert.equal(mustAuthenticateAgain({ prompt: [], max_age: 60 }, authTime, later(60)), false);
  assert.equal(mustAuthenticateAgain({ prompt: [], max_age: 60 }, authTime, later(61)), true);
  assert.equal(mustAuthenticateAgain({ prompt: ["consent"], max_age: 0 }, authTime, later(1)), true);
});
