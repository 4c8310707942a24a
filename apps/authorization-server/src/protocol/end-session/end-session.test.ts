// OpenID Connect RP-Initiated Logout 1.0 on a real PostgreSQL (PGlite): which requests end the AS
// session, where the browser goes afterwards, and what is refused without ending anything.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { LIFETIMES } from "@oauth-flow-lab/lab";
import { SIGNING_ALG } from "@oauth-flow-lab/oauth";
import { generateKeyPair, SignJWT } from "jose";
import { startTestDatabase, type TestDatabase } from "../../test-support/auth-database";
import { ISSUER, obtainTokens, recordingLog, registerClient, testClock, testDependencies } from "../../test-support/fixtures";
import type { LoginSession } from "../sessions";
import { endSession } from ".";

let database: TestDatabase;
before(async () => {
  database = await startTestDatabase();
});
after(() => database.stop());

const LOGOUT_URI = "http://app.test/signed-out";

/** A client, a user's tokens (with an ID token) and that user's AS session row. */
async function signedIn(deps: ReturnType<typeof testDependencies>) {
  const client = await registerClient(deps.db, { postLogoutRedirectUris: [LOGOUT_URI] });
  const tokens = await obtainTokens(deps, client, ["openid", "profile", "offline_access", "mail.read"]);
  const id_token = tokens.id_token ?? "";
  const sub = JSON.parse(Buffer.from(id_token.split(".")[1] ?? "", "base64url").toString("utf8")).sub as string;
  const row = await deps.db.session.create({
    data: {
      id: `s-${sub}`,
      tokenHash: `h-${sub}`,
      userId: sub,
      authTime: deps.now(),
      expiresAt: new Date(deps.now().getTime() + 3600_000),
    },
  });
  const session: LoginSession = { id: row.id, userId: sub, authTime: row.authTime };
  return { client, id_token, session };
}

const sessionExists = async (deps: ReturnType<typeof testDependencies>, id: string) =>
  (await deps.db.session.findUnique({ where: { id } })) !== null;

test("RP-Initiated Logout §2–§3: a valid hint and a registered URI end the session and redirect with state", async () => {
  const deps = testDependencies(database.db);
  const { id_token, session } = await signedIn(deps);
  const log = recordingLog();
  const query = new URLSearchParams({ id_token_hint: id_token, post_logout_redirect_uri: LOGOUT_URI, state: "s-123" });
  const outcome = await endSession(deps, query, session, false, log);
  assert.equal(outcome.kind, "redirect");
  assert.equal(outcome.kind === "redirect" && outcome.url.href, `${LOGOUT_URI}?state=s-123`);
  assert.deepEqual(log.ids(), [
    "single-valued-parameters:ok",
    "id-token-hint:ok",
    "client:ok",
    "post-logout-redirect-uri:ok",
    "end-user-confirmation:ok",
    "end-login-session:ok",
  ]);
  assert.equal(await sessionExists(deps, session.id), false);
});

test("§2: an expired ID token is still a valid hint; without a redirect URI the AS shows its own page", async () => {
  const clock = testClock();
  const deps = testDependencies(database.db, clock);
  const { id_token, session } = await signedIn(deps);
  clock.advance(LIFETIMES.id_token.seconds * 10);
  const outcome = await endSession(deps, new URLSearchParams({ id_token_hint: id_token }), session, false);
  assert.equal(outcome.kind, "signed-out");
  assert.equal(await sessionExists(deps, session.id), false);
});

test("§3: an unregistered post_logout_redirect_uri is refused: no redirect, the session stays", async () => {
  const deps = testDependencies(database.db);
  const { id_token, session } = await signedIn(deps);
  for (const uri of ["https://evil.test/", `${LOGOUT_URI}/x`, `${LOGOUT_URI}?a=1`]) {
    const log = recordingLog();
    const outcome = await endSession(
      deps,
      new URLSearchParams({ id_token_hint: id_token, post_logout_redirect_uri: uri }),
      session,
      false,
      log,
    );
    assert.equal(outcome.kind, "error-page");
    assert.deepEqual(log.ids().slice(-1), ["post-logout-redirect-uri:failed"]);
  }
  // No client named at all: nothing to compare the URI with.
  const outcome = await endSession(deps, new URLSearchParams({ post_logout_redirect_uri: LOGOUT_URI }), session, false);
  assert.equal(outcome.kind, "error-page");
  assert.equal(await sessionExists(deps, session.id), true);
});

test("§2: a forged hint (another key), an access token, or a client_id that is not the hint's audience are refused", async () => {
  const deps = testDependencies(database.db);
  const { id_token, session } = await signedIn(deps);
  const other = await registerClient(deps.db, { postLogoutRedirectUris: [LOGOUT_URI] });
  const [header, payload] = id_token.split(".");
  // The same claims and kid, signed with a key that is not the AS's.
  const { privateKey } = await generateKeyPair(SIGNING_ALG);
  const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8"));
  const forged = await new SignJWT(claims)
    .setProtectedHeader(JSON.parse(Buffer.from(header ?? "", "base64url").toString("utf8")))
    .sign(privateKey);
  const tokens = await obtainTokens(deps, await registerClient(deps.db));
  const cases: [URLSearchParams, string][] = [
    [new URLSearchParams({ id_token_hint: forged }), "id-token-hint:failed"],
    [new URLSearchParams({ id_token_hint: "not.a.jwt" }), "id-token-hint:failed"],
    [new URLSearchParams({ id_token_hint: tokens.access_token }), "id-token-hint:failed"],
    [new URLSearchParams({ id_token_hint: id_token, client_id: other.client_id }), "client:failed"],
  ];
  for (const [query, failed] of cases) {
    const log = recordingLog();
    const outcome = await endSession(deps, query, session, false, log);
    assert.equal(outcome.kind, "error-page");
    assert.deepEqual(log.ids().slice(-1), [failed]);
  }
  assert.equal(await sessionExists(deps, session.id), true);
});

test("§2: without a hint, or with another user's, the user is asked first; the AS's own form confirms", async () => {
  const deps = testDependencies(database.db);
  const { client, session } = await signedIn(deps);
  const stranger = await signedIn(deps);
  const query = new URLSearchParams({ client_id: client.client_id, post_logout_redirect_uri: LOGOUT_URI, state: "x" });
  const asked = await endSession(deps, query, session, false);
  assert.deepEqual(asked, { kind: "confirm", params: { client_id: client.client_id, post_logout_redirect_uri: LOGOUT_URI, state: "x" } });
  const foreign = await endSession(deps, new URLSearchParams({ id_token_hint: stranger.id_token }), session, false);
  assert.equal(foreign.kind, "confirm");
  assert.equal(await sessionExists(deps, session.id), true);
  const confirmed = await endSession(deps, query, session, true);
  assert.equal(confirmed.kind === "redirect" && confirmed.url.href, `${LOGOUT_URI}?state=x`);
  assert.equal(await sessionExists(deps, session.id), false);
});

test("the hint is verified against this issuer", async () => {
  const deps = testDependencies(database.db);
  const { session } = await signedIn(deps);
  const key = await deps.signer.signingKey();
  const wrongIssuer = await new SignJWT({})
    .setProtectedHeader({ alg: key.alg, typ: "JWT", kid: key.kid })
    .setIssuer(`${ISSUER}.evil`)
    .setSubject(session.userId)
    .setAudience("dashboard")
    .sign(key.privateKey);
  const outcome = await endSession(deps, new URLSearchParams({ id_token_hint: wrongIssuer }), session, false);
  assert.equal(outcome.kind, "error-page");
});
