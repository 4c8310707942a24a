// The attack lab's naive endpoint against the real request listener: each forgery of RFC 8725 and
// RFC 9068 §4 is accepted by GET /naive/v1/messages (which then serves only its synthetic mailbox) and
// refused by the real GET /v1/messages and its verifier; without the attack lab, /naive/* is a 404.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { TRACE_CAPABILITY_HEADER } from "@oauth-flow-lab/lab";
import { InvalidToken, metadataUrl, type ProtocolCheck } from "@oauth-flow-lab/oauth";
import {
  type CryptoKey,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  SignJWT,
  UnsecuredJWT,
} from "jose";
import { type AppDependencies, createRequestListener } from "../app.ts";
import type { Mailbox } from "../mailbox.ts";
import { silentLogger } from "../test-logger.ts";
import { memoryMailbox, message } from "../test-mailbox.ts";
import { ALICE, AUDIENCE, ISSUER } from "../test-tokens.ts";
import type { Trace } from "../trace.ts";
import { createAccessTokenVerifier, verifyAccessToken } from "../verify-access-token.ts";
import { createNaiveEndpoint, httpKeySources, NAIVE_MESSAGES_PATH } from "./naive-endpoint.ts";
import { asPublicKeyPem, type NaiveKeySources } from "./naive-verifier.ts";
import { SYNTHETIC_MESSAGES } from "./synthetic-mailbox.ts";

const ATTACKER_JKU = "http://attacker.test/jwks.json";

type Keys = { privateKey: CryptoKey; jwk: JWK };
let as: Keys;
let attacker: Keys;
let asJwks: JSONWebKeySet;
let attackerJwks: JSONWebKeySet;
const servers: Server[] = [];
/** Every mailbox call the real routes made: the naive endpoint must make none. */
const mailboxCalls: string[] = [];

async function keys(kid: string): Promise<Keys> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" } };
}

const fakeKeySources = (): NaiveKeySources => ({
  asKeys: async () => asJwks,
  fetchKeySet: async (url) => {
    if (url.href !== ATTACKER_JKU) throw new Error(`unexpected fetch of ${url.href}`);
    return attackerJwks;
  },
});

function watchedMailbox(): Mailbox {
  const inner = memoryMailbox([message("msg_alice_01", ALICE, 0)]);
  return {
    listMessages(...args) {
      mailboxCalls.push("listMessages");
      return inner.listMessages(...args);
    },
    findMessage(...args) {
      mailboxCalls.push("findMessage");
      return inner.findMessage(...args);
    },
    setUnread(...args) {
      mailboxCalls.push("setUnread");
      return inner.setUnread(...args);
    },
    send(...args) {
      mailboxCalls.push("send");
      return inner.send(...args);
    },
  };
}

async function start(overrides: Partial<AppDependencies>): Promise<string> {
  const server = createServer(
    createRequestListener({
      verifier: createAccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keySet: createLocalJWKSet(asJwks) }),
      mailbox: watchedMailbox(),
      logger: silentLogger,
      ...overrides,
    }),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

before(async () => {
  as = await keys("as-key");
  attacker = await keys("attacker-key");
  asJwks = { keys: [as.jwk] };
  attackerJwks = { keys: [attacker.jwk] };
});
after(() => Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))));

function claims(overrides: JWTPayload = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: ALICE,
    email: "alice@labmail.test",
    client_id: "naive-no-state",
    scope: "openid mail.read",
    jti: crypto.randomUUID(),
    iat: now,
    exp: now + 300,
    ...overrides,
  };
}

const signed = (payload: JWTPayload, header: Record<string, unknown>, key: CryptoKey | Uint8Array) =>
  new SignJWT(payload).setProtectedHeader({ alg: "ES256", typ: "at+jwt", ...header }).sign(key);

/** Each forgery, the trust the naive endpoint should say it used, and how it is made. */
const FORGERIES: { name: string; trust: string; because: RegExp; make: () => Promise<string> }[] = [
  { name: "alg none", trust: "alg-none", because: /^alg none trusted$/, make: async () => new UnsecuredJWT(claims()).encode() },
  {
    name: "HS256 keyed with the AS's public key",
    trust: "hmac-with-as-public-key",
    because: /^HS256 trusted: verified with the AS's public key \(PEM\) as the HMAC secret$/,
    make: async () => signed(claims(), { alg: "HS256", kid: "as-key" }, new TextEncoder().encode(await asPublicKeyPem(asJwks, "as-key"))),
  },
  {
    name: "an injected jwk",
    trust: "header-jwk",
    because: /^jwk in the header trusted/,
    make: () => signed(claims(), { jwk: publicPart(attacker.jwk) }, attacker.privateKey),
  },
  {
    name: "a jku to the attacker's JWK Set",
    trust: "header-jku",
    because: /^jku in the header trusted: verified with a key \(kid "attacker-key"\) fetched from http:\/\/attacker\.test\/jwks\.json$/,
    make: () => signed(claims(), { kid: "attacker-key", jku: ATTACKER_JKU }, attacker.privateKey),
  },
  {
    name: "a wrong aud",
    trust: "as-key",
    because: /^signed with the AS's key/,
    make: () => signed(claims({ aud: "http://elsewhere.test" }), { kid: "as-key" }, as.privateKey),
  },
  {
    name: "a wrong iss",
    trust: "as-key",
    because: /^signed with the AS's key/,
    make: () => signed(claims({ iss: "http://evil-as.test" }), { kid: "as-key" }, as.privateKey),
  },
  {
    name: "a wrong typ (an ID token)",
    trust: "as-key",
    because: /^signed with the AS's key/,
    make: () => signed(claims(), { kid: "as-key", typ: "JWT" }, as.privateKey),
  },
  {
    name: "an expired token",
    trust: "as-key",
    because: /^signed with the AS's key/,
    make: () =>
      signed(
        claims({ iat: Math.floor(Date.now() / 1000) - 3600, exp: Math.floor(Date.now() / 1000) - 1800 }),
        { kid: "as-key" },
        as.privateKey,
      ),
  },
];

function publicPart(jwk: JWK): JWK {
  const { kty, crv, x, y } = jwk;
  return { kty, crv, x, y };
}

async function get(base: string, path: string, token?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    headers: { ...headers, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>),
  };
}

test("every forgery: the naive endpoint serves its synthetic mailbox, the real verifier and route refuse it", async () => {
  const base = await start({ naive: createNaiveEndpoint(fakeKeySources()) });
  for (const forgery of FORGERIES) {
    const token = await forgery.make();
    mailboxCalls.length = 0;
    const naive = await get(base, NAIVE_MESSAGES_PATH, token);
    assert.equal(naive.status, 200, forgery.name);
    assert.equal(naive.body?.trust, forgery.trust, forgery.name);
    assert.match(String(naive.body?.accepted_because), forgery.because, forgery.name);
    assert.equal(naive.body?.mailbox, "synthetic");
    assert.deepEqual(naive.body?.messages, SYNTHETIC_MESSAGES);
    assert.deepEqual(naive.body?.not_checked, ["typ", "iss", "aud", "exp", "scope", "revocation"]);
    assert.equal((naive.body?.claims as JWTPayload | undefined)?.sub, ALICE);
    assert.equal(naive.headers.get("cache-control"), "no-store");
    assert.deepEqual(mailboxCalls, [], `${forgery.name}: the naive endpoint never touches a mailbox`);

    await assert.rejects(
      verifyAccessToken(token, { issuer: ISSUER, audience: AUDIENCE, keySet: createLocalJWKSet(asJwks) }),
      InvalidToken,
      forgery.name,
    );
    const real = await get(base, "/v1/messages", token);
    assert.equal(real.status, 401, forgery.name);
    assert.equal(real.body?.error, "invalid_token", forgery.name);
    assert.deepEqual(mailboxCalls, [], `${forgery.name}: the real route never reached the mailbox`);
  }
  // A genuine token works at both, and only the real route reads the (real) mailbox.
  const genuine = await signed(claims(), { kid: "as-key" }, as.privateKey);
  assert.equal((await get(base, "/v1/messages", genuine)).status, 200);
  assert.deepEqual(mailboxCalls, ["listMessages"]);
  assert.equal((await get(base, NAIVE_MESSAGES_PATH, genuine)).body?.mailbox, "synthetic");
});

test("the naive endpoint still refuses what no trust makes verify, with a Bearer challenge of its own realm", async () => {
  const base = await start({ naive: createNaiveEndpoint(fakeKeySources()) });
  const none = await get(base, NAIVE_MESSAGES_PATH);
  assert.equal(none.status, 401);
  assert.equal(none.headers.get("www-authenticate"), 'Bearer realm="naive-mail-api"');
  const genuine = await signed(claims(), { kid: "as-key" }, as.privateKey);
  const [h, p, s] = genuine.split(".");
  const tampered = `${h}.${Buffer.from(JSON.stringify(claims({ sub: "someone-else" }))).toString("base64url")}.${s}`;
  assert.ok(p);
  for (const token of [
    tampered,
    "not-a-jwt",
    await signed(claims(), { kid: "as-key", jku: "http://elsewhere.test/jwks.json" }, attacker.privateKey),
  ]) {
    const refused = await get(base, NAIVE_MESSAGES_PATH, token);
    assert.equal(refused.status, 401, token);
    assert.equal(refused.body?.error, "invalid_token");
    assert.match(refused.headers.get("www-authenticate") ?? "", /^Bearer realm="naive-mail-api", error="invalid_token"/);
  }
  const post = await fetch(`${base}${NAIVE_MESSAGES_PATH}`, { method: "POST" });
  assert.equal(post.status, 405);
  assert.equal((await get(base, "/naive/v1/messages/synthetic_01", genuine)).status, 404);
});

test("without the attack lab, /naive/v1/messages is exactly an unknown path: 404", async () => {
  const base = await start({});
  const token = await new UnsecuredJWT(claims()).encode();
  const naive = await get(base, NAIVE_MESSAGES_PATH, token);
  const unknown = await get(base, "/no/such/path", token);
  assert.equal(naive.status, 404);
  assert.deepEqual(naive.body, unknown.body);
  assert.deepEqual([...naive.headers.keys()].sort(), [...unknown.headers.keys()].sort());
});

test("the trace records what the naive endpoint ran, and what it did NOT check", async () => {
  const recordings: { endpoint: string; checks: ProtocolCheck[]; client_id: string | undefined }[] = [];
  const trace: Trace = {
    async record(_req, endpoint, checks, client_id) {
      recordings.push({ endpoint, checks: [...checks], client_id });
    },
    async read() {
      return [];
    },
  };
  const base = await start({ naive: createNaiveEndpoint(fakeKeySources()), trace });
  await get(base, NAIVE_MESSAGES_PATH, await new UnsecuredJWT(claims()).encode(), { [TRACE_CAPABILITY_HEADER]: "A".repeat(43) });
  const recording = recordings.at(-1);
  assert.equal(recording?.endpoint, `GET ${NAIVE_MESSAGES_PATH}`);
  assert.equal(recording?.client_id, "naive-no-state");
  assert.deepEqual(
    recording?.checks.map((c) => c.id),
    [
      "naive-bearer-token",
      "naive-trusts-header",
      "naive-typ-not-checked",
      "naive-iss-not-checked",
      "naive-aud-not-checked",
      "naive-exp-not-checked",
      "naive-scope-not-checked",
      "naive-revocation-not-checked",
      "naive-synthetic-mailbox",
    ],
  );
  assert.equal(recording?.checks[1]?.detail, "alg none trusted");
  assert.equal(recording?.checks[2]?.check, "typ NOT checked (the real mail API requires at+jwt)");
});

test("httpKeySources: the AS's keys through its metadata, and any jku, over HTTP", async () => {
  const keyServer = createServer((req, res) => {
    const send = (body: unknown) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.url === "/.well-known/oauth-authorization-server") send({ issuer: origin, jwks_uri: `${origin}/jwks` });
    else if (req.url === "/jwks") send(asJwks);
    else if (req.url === "/attacker.json") send(attackerJwks);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  servers.push(keyServer);
  await new Promise<void>((resolve) => keyServer.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;
  assert.equal(metadataUrl(origin), `${origin}/.well-known/oauth-authorization-server`);
  const sources = httpKeySources(origin);
  assert.deepEqual(await sources.asKeys(), asJwks);
  assert.deepEqual(await sources.fetchKeySet(new URL(`${origin}/attacker.json`)), attackerJwks);
  await assert.rejects(sources.fetchKeySet(new URL(`${origin}/missing`)));
  await assert.rejects(sources.fetchKeySet(new URL("file:///etc/passwd")));

  const base = await start({ naive: createNaiveEndpoint(sources) });
  const viaJku = await signed(claims(), { kid: "attacker-key", jku: `${origin}/attacker.json` }, attacker.privateKey);
  assert.equal((await get(base, NAIVE_MESSAGES_PATH, viaJku)).body?.trust, "header-jku");
  const hmac = await signed(claims(), { alg: "HS256" }, new TextEncoder().encode(await asPublicKeyPem(asJwks, undefined)));
  assert.equal((await get(base, NAIVE_MESSAGES_PATH, hmac)).body?.trust, "hmac-with-as-public-key");
});
