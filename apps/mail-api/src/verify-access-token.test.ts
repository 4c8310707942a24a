import assert from "node:assert/strict";
import { test } from "node:test";
import {
  InsufficientScope,
  InvalidRequest,
  InvalidToken,
  metadataUrl,
  type ProtocolCheck,
  TemporarilyUnavailable,
} from "@oauth-flow-lab/oauth";
import { generateKeyPair } from "jose";
import { ALICE, AUDIENCE, createTestIssuer, ISSUER } from "./test-tokens.ts";
import {
  createAccessTokenVerifier,
  createIssuerKeySet,
  discoverJwksUri,
  extractBearerToken,
  MissingBearerToken,
  requireScopes,
  verifyAccessToken,
} from "./verify-access-token.ts";

const url = new URL("http://127.0.0.1:5000/v1/messages");

test("RFC 6750 §2.1: the token comes from `Authorization: Bearer <b64token>`", () => {
  assert.equal(extractBearerToken(["Bearer abc.def-_~+/=="], url), "abc.def-_~+/==");
  assert.equal(extractBearerToken(["bearer abc"], url), "abc", "the scheme is case-insensitive");
});

test("RFC 6750 §3.1: no header, or another scheme, is a request without credentials", () => {
  assert.throws(() => extractBearerToken(undefined, url), MissingBearerToken);
  assert.throws(() => extractBearerToken([], url), MissingBearerToken);
  assert.throws(() => extractBearerToken(["Basic ZGFzaGJvYXJkOnNlY3JldA=="], url), MissingBearerToken);
});

test("RFC 6750 §2.1: malformed or repeated Authorization headers are invalid_request", () => {
  for (const header of ["Bearer", "Bearer ", "Bearer a b", "Bearer a,b", "Bearer =abc", "Bearer ab=c", "", "Bearer\tabc"]) {
    assert.throws(() => extractBearerToken([header], url), InvalidRequest, JSON.stringify(header));
  }
  assert.throws(() => extractBearerToken(["Bearer a", "Bearer b"], url), InvalidRequest);
});

test("RFC 6750 §2.3, RFC 9700 §2.5: a token in the query string is refused", () => {
  const withToken = new URL("http://127.0.0.1:5000/v1/messages?access_token=abc");
  assert.throws(() => extractBearerToken(undefined, withToken), InvalidRequest);
  assert.throws(() => extractBearerToken(["Bearer abc"], withToken), InvalidRequest);
});

test("RFC 9068 §4: a valid access token is accepted and its claims returned", async () => {
  const as = await createTestIssuer();
  const claims = await verifyAccessToken(await as.sign(), { issuer: ISSUER, audience: AUDIENCE, keySet: as.keySet });
  assert.equal(claims.sub, ALICE);
  assert.equal(claims.client_id, "dashboard");
  assert.equal(claims.scope, "openid mail.read");
});

test("RFC 9068 §4: wrong iss, aud, typ, alg, key, expired or missing claims are invalid_token", async () => {
  const as = await createTestIssuer();
  const expected = { issuer: ISSUER, audience: AUDIENCE, keySet: as.keySet };
  const now = Math.floor(Date.now() / 1000);
  const other = await generateKeyPair("ES256");
  const cases: [string, Promise<string>][] = [
    ["wrong audience", as.sign({ claims: { aud: "http://127.0.0.1:5999" } })],
    ["wrong issuer", as.sign({ claims: { iss: "http://localhost:4999" } })],
    ["typ JWT (e.g. an ID token)", as.sign({ header: { typ: "JWT" } })],
    ["no typ", as.sign({ header: { typ: undefined } })],
    ["expired", as.sign({ claims: { iat: now - 600, exp: now - 60 } })],
    ["signed by another key", as.sign({ key: other.privateKey })],
    ["unknown kid", as.sign({ header: { kid: "rotated-away" } })],
    ...(["exp", "iat", "sub", "client_id", "jti", "scope"] as const).map((claim): [string, Promise<string>] => [
      `no ${claim}`,
      as.sign({ claims: { [claim]: undefined } }),
    ]),
    ["malformed scope", as.sign({ claims: { scope: "mail.read  mail.send" } })],
    ["not a JWT", Promise.resolve("abc.def.ghi")],
    ["unsigned", Promise.resolve(unsignedToken())],
  ];
  for (const [name, token] of cases) {
    await assert.rejects(verifyAccessToken(await token, expected), InvalidToken, name);
  }
});

function unsignedToken(): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: ISSUER, aud: AUDIENCE, sub: ALICE, client_id: "x", scope: "mail.read", jti: "j", iat: now, exp: now + 60 };
  return `${part({ alg: "none", typ: "at+jwt" })}.${part(claims)}.`;
}

test("RFC 6750 §3.1: a token without the route's scope is insufficient_scope (403) naming the scope", async () => {
  const as = await createTestIssuer();
  const token = await verifyAccessToken(await as.sign({ claims: { scope: "openid mail.read" } }), {
    issuer: ISSUER,
    audience: AUDIENCE,
    keySet: as.keySet,
  });
  assert.doesNotThrow(() => requireScopes(token, ["mail.read"]));
  assert.throws(
    () => requireScopes(token, ["mail.send"]),
    (error: unknown) => error instanceof InsufficientScope && error.status === 403 && error.scope === "mail.send",
  );
});

test("verified tokens are cached until exp; failures are not", async () => {
  const as = await createTestIssuer();
  let lookups = 0;
  const counting: typeof as.keySet = (header, token) => {
    lookups++;
    return as.keySet(header, token);
  };
  let now = Date.now();
  const verifier = createAccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keySet: counting, now: () => now, maxCacheEntries: 2 });
  const token = await as.sign({ claims: { exp: Math.floor(now / 1000) + 60 } });
  await verifier.verify(token);
  await verifier.verify(token);
  assert.equal(lookups, 1, "the second call is served from the cache");

  now += 61_000; // past exp: verified again (and jose, on the real clock, still accepts it)
  await verifier.verify(token);
  assert.equal(lookups, 2);

  const [a, b] = [await as.sign(), await as.sign()];
  await verifier.verify(a);
  await verifier.verify(b); // evicts `token`, the oldest
  await verifier.verify(token);
  assert.equal(lookups, 5);

  await assert.rejects(verifier.verify(await as.sign({ claims: { aud: "elsewhere" } })), InvalidToken);
});

function metadataFetch(documents: Record<string, unknown>, calls: string[] = []): typeof fetch {
  return async (input) => {
    const href = String(input);
    calls.push(href);
    const document = documents[href];
    if (document === undefined) throw new TypeError("fetch failed");
    return Response.json(document);
  };
}

test("RFC 8414 §3: jwks_uri comes from the issuer's metadata, whose issuer must match exactly", async () => {
  const good = metadataFetch({ [metadataUrl(ISSUER)]: { issuer: ISSUER, jwks_uri: `${ISSUER}/jwks` } });
  assert.equal((await discoverJwksUri(ISSUER, good)).href, `${ISSUER}/jwks`);
  const impostor = metadataFetch({ [metadataUrl(ISSUER)]: { issuer: "http://evil.test", jwks_uri: "http://evil.test/jwks" } });
  await assert.rejects(discoverJwksUri(ISSUER, impostor), /issuer/);
  const noJwks = metadataFetch({ [metadataUrl(ISSUER)]: { issuer: ISSUER } });
  await assert.rejects(discoverJwksUri(ISSUER, noJwks));
});

test("an unreachable AS is temporarily_unavailable, and discovery is retried on the next token", async () => {
  const as = await createTestIssuer();
  const documents: Record<string, unknown> = {};
  const calls: string[] = [];
  const keySet = createIssuerKeySet(ISSUER, { fetch: metadataFetch(documents, calls), createKeySet: () => as.keySet });
  const expected = { issuer: ISSUER, audience: AUDIENCE, keySet };
  const token = await as.sign();

  await assert.rejects(verifyAccessToken(token, expected), TemporarilyUnavailable);
  documents[metadataUrl(ISSUER)] = { issuer: ISSUER, jwks_uri: `${ISSUER}/jwks` };
  assert.equal((await verifyAccessToken(token, expected)).sub, ALICE);
  await verifyAccessToken(token, expected);
  assert.equal(calls.length, 2, "metadata is cached once it was fetched");
});

test("each verification check is reported as it runs; a cached verification says so, with its age", async () => {
  const as = await createTestIssuer();
  let now = Date.now();
  const verifier = createAccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keySet: as.keySet, now: () => now });
  const token = await as.sign();
  const fresh: ProtocolCheck[] = [];
  await verifier.verify(token, fresh);
  assert.deepEqual(
    fresh.map((c) => [c.id, c.ok]),
    ["jwt-header", "jwt-signature", "jwt-issuer", "jwt-audience", "jwt-lifetime", "jwt-required-claims"].map((id) => [id, true]),
  );
  assert.equal(fresh.find((c) => c.id === "jwt-signature")?.detail, "kid test-key");

  now += 12_900;
  const cached: ProtocolCheck[] = [];
  await verifier.verify(token, cached);
  assert.deepEqual(
    cached.map((c) => [c.id, c.ok, c.cached]),
    [["verified-token-cache", true, { age_seconds: 12 }]],
  );
});

test("RFC 9068 §4: a refused token names the check that refused, and no check after it is reported", async () => {
  const as = await createTestIssuer();
  const other = await generateKeyPair("ES256");
  const expected = { issuer: ISSUER, audience: AUDIENCE, keySet: as.keySet };
  const cases: [string, string, Promise<string>][] = [
    ["not a JWT", "jwt-header", Promise.resolve("abc.def.ghi")],
    ["unsigned", "jwt-header", Promise.resolve(unsignedToken())],
    ["typ JWT", "jwt-header", as.sign({ header: { typ: "JWT" } })],
    ["another key", "jwt-signature", as.sign({ key: other.privateKey })],
    ["wrong issuer", "jwt-issuer", as.sign({ claims: { iss: "http://localhost:4999" } })],
    ["audience list without this API", "jwt-audience", as.sign({ claims: { aud: ["http://a.test", "http://b.test"] } })],
    ["not yet valid", "jwt-lifetime", as.sign({ claims: { nbf: Math.floor(Date.now() / 1000) + 60 } })],
    ["malformed scope", "jwt-required-claims", as.sign({ claims: { scope: "mail.read  mail.send" } })],
  ];
  for (const [name, refusedBy, token] of cases) {
    const log: ProtocolCheck[] = [];
    await assert.rejects(verifyAccessToken(await token, expected, log), InvalidToken, name);
    assert.equal(log.at(-1)?.id, refusedBy, name);
    assert.equal(log.at(-1)?.ok, false, name);
    assert.ok(
      log.slice(0, -1).every((c) => c.ok),
      name,
    );
  }
  const listed = await verifyAccessToken(await as.sign({ claims: { aud: ["http://a.test", AUDIENCE] } }), expected);
  assert.equal(listed.sub, ALICE, "aud may be a list that contains this API");
});
