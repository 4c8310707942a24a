// Client authentication (RFC 6749 §2.3.1): both Basic encodings, the body, public clients, on a real
// PostgreSQL (PGlite).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { LIFETIMES } from "@oauth-flow-lab/lab";
import { InvalidClient, InvalidRequest } from "@oauth-flow-lab/oauth";
import { parseRegistration, registerDeveloperClient, rotateClientSecret } from "@/console/developer/clients";
import { sha256 } from "@/lib/random";
import { startTestDatabase, type TestDatabase } from "../test-support/auth-database";
import { basicAuthorization, createUser, ISSUER, registerClient, testClock, testDependencies } from "../test-support/fixtures";
import {
  authenticateClient,
  BasicAuthenticationFailed,
  parseBasicCredentials,
  readClientCredentials,
  secretMatches,
} from "./client-authentication";

let database: TestDatabase;
before(async () => {
  database = await startTestDatabase();
});
after(() => database.stop());

// A secret with every character the form encoding changes.
const SECRET = "s3cret:with%percent+plus and space/é";
const now = new Date("2026-11-30T12:00:00Z");

function request(headers: Record<string, string>, body: Record<string, string> = {}) {
  const params = new URLSearchParams(body);
  return { request: new Request(`${ISSUER}/token`, { method: "POST", headers }), body: params };
}

test("RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64", () => {
  const encoded = basicAuthorization("my client", SECRET);
  // What a conforming client sends: ":" → %3A, "%" → %25, "+" → %2B, " " → "+".
  assert.equal(
    Buffer.from(encoded.slice("Basic ".length), "base64").toString(),
    "my+client:s3cret%3Awith%25percent%2Bplus+and+space%2F%C3%A9",
  );
  assert.deepEqual(parseBasicCredentials(encoded), { client_id: "my client", client_secret: SECRET });
});

test("RFC 7617: a client that does not form-encode still works when its secret has no '%' or '+'", () => {
  assert.deepEqual(parseBasicCredentials(basicAuthorization("dashboard", "plain:secret with spaces", "raw")), {
    client_id: "dashboard",
    client_secret: "plain:secret with spaces",
  });
  // The first ":" separates: a raw ":" in the secret is kept.
  assert.equal(parseBasicCredentials(basicAuthorization("a", "b:c", "raw")).client_secret, "b:c");
  // Unencoded "+" reads as a space: the encoding is what RFC 6749 requires, so such a secret must be encoded.
  assert.equal(parseBasicCredentials(basicAuthorization("a", "x+y", "raw")).client_secret, "x y");
});

test("malformed Basic credentials are a 401 with a Basic challenge", () => {
  for (const header of [
    "Basic",
    "Basic !!!",
    `Basic ${Buffer.from("no-colon").toString("base64")}`,
    `Basic ${Buffer.from("a:%ZZ").toString("base64")}`,
    `Basic ${Buffer.from("a:\0").toString("base64")}`,
  ]) {
    assert.throws(
      () => parseBasicCredentials(header),
      (e) => e instanceof BasicAuthenticationFailed && e.status === 401 && e.challenge.startsWith("Basic "),
      header,
    );
  }
});

test("one method only: Basic plus a body secret, or a different body client_id, is invalid_request", () => {
  const basic = basicAuthorization("a", "b");
  const both = request({ authorization: basic }, { client_secret: "b" });
  assert.throws(() => readClientCredentials(both.request, both.body), InvalidRequest);
  const mismatch = request({ authorization: basic }, { client_id: "other" });
  assert.throws(() => readClientCredentials(mismatch.request, mismatch.body), InvalidRequest);
  const same = request({ authorization: basic }, { client_id: "a" });
  assert.equal(readClientCredentials(same.request, same.body).method, "client_secret_basic");
  const none = request({});
  assert.throws(() => readClientCredentials(none.request, none.body), InvalidClient);
});

test("a confidential client authenticates with either Basic encoding, or in the body if registered so", async () => {
  const { db } = database;
  const client = await registerClient(db, { secret: SECRET });
  for (const encoding of ["form-urlencoded", "raw"] as const) {
    const secret = encoding === "raw" ? "colon:and space" : SECRET;
    const c = encoding === "raw" ? await registerClient(db, { secret }) : client;
    const { request: r, body } = request({ authorization: basicAuthorization(c.client_id, secret, encoding) });
    assert.equal((await authenticateClient(db, readClientCredentials(r, body), now)).id, c.client_id, encoding);
  }
  const postClient = await registerClient(db, { secret: SECRET, tokenEndpointAuthMethod: "client_secret_post" });
  const post = request({}, { client_id: postClient.client_id, client_secret: SECRET });
  const credentials = readClientCredentials(post.request, post.body);
  assert.equal(credentials.method, "client_secret_post");
  assert.equal((await authenticateClient(db, credentials, now)).id, postClient.client_id);
});

test("RFC 7591 §2, RFC 6749 §5.2: each client authenticates only by its registered token_endpoint_auth_method", async () => {
  const { db } = database;
  const basicClient = await registerClient(db, { secret: SECRET });
  const postClient = await registerClient(db, { secret: SECRET, tokenEndpointAuthMethod: "client_secret_post" });
  // The right secret, by the method the client did not register: invalid_client.
  const inBody = request({}, { client_id: basicClient.client_id, client_secret: SECRET });
  await assert.rejects(
    authenticateClient(db, readClientCredentials(inBody.request, inBody.body), now),
    (e) => e instanceof InvalidClient && !(e instanceof BasicAuthenticationFailed),
  );
  const inHeader = request({ authorization: basicAuthorization(postClient.client_id, SECRET) });
  await assert.rejects(authenticateClient(db, readClientCredentials(inHeader.request, inHeader.body), now), BasicAuthenticationFailed);
  // And each by its own method still works.
  const basic = request({ authorization: basicAuthorization(basicClient.client_id, SECRET) });
  assert.equal((await authenticateClient(db, readClientCredentials(basic.request, basic.body), now)).id, basicClient.client_id);
  const post = request({}, { client_id: postClient.client_id, client_secret: SECRET });
  assert.equal((await authenticateClient(db, readClientCredentials(post.request, post.body), now)).id, postClient.client_id);
});

test("a wrong secret, an unknown client or a missing secret fails; via Basic it carries the challenge", async () => {
  const { db } = database;
  const client = await registerClient(db, { secret: SECRET });
  const wrong = request({ authorization: basicAuthorization(client.client_id, `${SECRET}x`) });
  await assert.rejects(authenticateClient(db, readClientCredentials(wrong.request, wrong.body), now), BasicAuthenticationFailed);
  // The unencoded spelling of a secret holding "%" and "+" is a different secret.
  const unencoded = request({ authorization: basicAuthorization(client.client_id, SECRET, "raw") });
  await assert.rejects(
    (async () => authenticateClient(db, readClientCredentials(unencoded.request, unencoded.body), now))(),
    BasicAuthenticationFailed,
  );
  const unknown = request({}, { client_id: "nobody", client_secret: "x" });
  await assert.rejects(
    authenticateClient(db, readClientCredentials(unknown.request, unknown.body), now),
    (e) => e instanceof InvalidClient && !(e instanceof BasicAuthenticationFailed),
  );
  const noSecret = request({}, { client_id: client.client_id });
  await assert.rejects(authenticateClient(db, readClientCredentials(noSecret.request, noSecret.body), now), InvalidClient);
});

test("a public client is identified by its client_id alone, and cannot present a secret", async () => {
  const { db } = database;
  const spa = await registerClient(db, { public: true });
  const alone = request({}, { client_id: spa.client_id });
  const credentials = readClientCredentials(alone.request, alone.body);
  assert.equal(credentials.method, "none");
  assert.equal((await authenticateClient(db, credentials, now)).id, spa.client_id);
  const withSecret = request({ authorization: basicAuthorization(spa.client_id, "anything") });
  await assert.rejects(authenticateClient(db, readClientCredentials(withSecret.request, withSecret.body), now), BasicAuthenticationFailed);
});

test("after a rotation the previous secret works during LIFETIMES.client_secret_overlap, then only the new one", async () => {
  const { db } = database;
  const clock = testClock();
  const deps = testDependencies(db, clock);
  const owner = await createUser(db);
  const viewer = { id: owner.id, role: "student" };
  const registration = parseRegistration(
    new URLSearchParams({
      name: "Rotating app",
      redirect_uris: "https://app.example/cb",
      scope: "openid",
      token_endpoint_auth_method: "client_secret_basic",
    }),
  );
  const { client_id, client_secret: first } = await registerDeveloperClient(deps, viewer, registration);
  assert.ok(first);
  const rotated = await rotateClientSecret(deps, viewer, client_id);
  assert.ok(rotated);
  assert.notEqual(rotated.client_secret, first);
  const authenticateWith = (secret: string) => {
    const r = request({ authorization: basicAuthorization(client_id, secret) });
    return authenticateClient(db, readClientCredentials(r.request, r.body), clock.now());
  };
  // Both secrets during the overlap, up to its last second.
  assert.equal((await authenticateWith(first)).id, client_id);
  assert.equal((await authenticateWith(rotated.client_secret)).id, client_id);
  clock.advance(LIFETIMES.client_secret_overlap.seconds - 1);
  assert.equal((await authenticateWith(first)).id, client_id);
  // At the expiry the previous secret is an unknown one: invalid_client.
  clock.advance(1);
  await assert.rejects(authenticateWith(first), BasicAuthenticationFailed);
  assert.equal((await authenticateWith(rotated.client_secret)).id, client_id);
  // A second rotation keeps only the secret it replaced: the first one stays dead, the second works.
  const again = await rotateClientSecret(deps, viewer, client_id);
  assert.ok(again);
  await assert.rejects(authenticateWith(first), BasicAuthenticationFailed);
  assert.equal((await authenticateWith(rotated.client_secret)).id, client_id);
  assert.equal((await authenticateWith(again.client_secret)).id, client_id);
});

test("secretMatches compares both hashes: a previous secret without an expiry, or a wrong one, never matches", () => {
  const now = new Date("2026-11-30T12:00:00Z");
  const later = new Date(now.getTime() + 1000);
  const client = { secretHash: sha256("current"), previousSecretHash: sha256("previous"), previousSecretExpiresAt: later };
  assert.equal(secretMatches(client, "current", now), true);
  assert.equal(secretMatches(client, "previous", now), true);
  assert.equal(secretMatches(client, "previous", later), false);
  assert.equal(secretMatches({ ...client, previousSecretExpiresAt: null }, "previous", now), false);
  assert.equal(secretMatches(client, "other", now), false);
});
