// The HTTP contract, against the real request listener with an in-memory mailbox (no database).
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { createRequestListener } from "./app.ts";
import { snippetOf } from "./routes.ts";
import { silentLogger } from "./test-logger.ts";
import { BOB, memoryMailbox, message } from "./test-mailbox.ts";
import { ALICE, AUDIENCE, createTestIssuer, ISSUER, type TestIssuer } from "./test-tokens.ts";
import { createAccessTokenVerifier } from "./verify-access-token.ts";

let server: Server;
let base: string;
let as: TestIssuer;

before(async () => {
  as = await createTestIssuer();
  const messages = [
    ...Array.from({ length: 5 }, (_, i) => message(`msg_alice_0${i + 1}`, ALICE, i * 10)),
    message("msg_alice_06", ALICE, 10), // same received_at as msg_alice_02: the id breaks the tie
    message("msg_bob_01", BOB, 5),
  ];
  server = createServer(
    createRequestListener({
      verifier: createAccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keySet: as.keySet }),
      mailbox: memoryMailbox(messages),
      logger: silentLogger,
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token !== undefined) headers.set("Authorization", `Bearer ${init.token}`);
  const response = await fetch(`${base}${path}`, { ...init, headers });
  const text = await response.text();
  return { response, body: text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

test("GET /health needs no token", async () => {
  const { response, body } = await call("/health");
  assert.equal(response.status, 200);
  assert.deepEqual(body, { status: "ok" });
  assert.equal(response.headers.get("cache-control"), "no-store");
});

test("RFC 6750 §3.1: no credentials is 401 with a bare Bearer challenge", async () => {
  const { response } = await call("/v1/messages");
  assert.equal(response.status, 401);
  assert.equal(response.headers.get("www-authenticate"), 'Bearer realm="mail-api"');
  assert.equal(response.headers.get("cache-control"), "no-store");
});

test("RFC 6750 §3.1: a bad token is 401 invalid_token with the challenge and a JSON error", async () => {
  const token = await as.sign({ claims: { aud: "http://127.0.0.1:5999" } });
  const { response, body } = await call("/v1/messages", { token });
  assert.equal(response.status, 401);
  assert.match(
    response.headers.get("www-authenticate") ?? "",
    /^Bearer realm="mail-api", error="invalid_token", error_description="[^"]+"$/,
  );
  assert.equal(body?.error, "invalid_token");
});

test("RFC 6750 §3.1: a missing scope is 403 insufficient_scope naming it", async () => {
  const token = await as.sign({ claims: { scope: "openid mail.read" } });
  const { response, body } = await call("/v1/messages", {
    token,
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ to: "bob@labmail.test", subject: "Hi", body: "Hello" }),
  });
  assert.equal(response.status, 403);
  assert.match(response.headers.get("www-authenticate") ?? "", /error="insufficient_scope".*scope="mail.send"$/);
  assert.equal(body?.error, "insufficient_scope");
  const read = await call("/v1/messages", { token: await as.sign({ claims: { scope: "mail.send" } }) });
  assert.equal(read.response.status, 403);
  assert.match(read.response.headers.get("www-authenticate") ?? "", /scope="mail.read"/);
});

test("RFC 6750 §2.1: a malformed Authorization header is 400 invalid_request", async () => {
  const { response, body } = await call("/v1/messages", { headers: { Authorization: "Bearer a b" } });
  assert.equal(response.status, 400);
  assert.equal(body?.error, "invalid_request");
  assert.match(response.headers.get("www-authenticate") ?? "", /error="invalid_request"/);
  const inQuery = await call(`/v1/messages?access_token=${await as.sign()}`);
  assert.equal(inQuery.response.status, 400);
});

test("GET /v1/messages pages through the caller's inbox only, newest first", async () => {
  const token = await as.sign();
  const first = await call("/v1/messages?limit=4", { token });
  assert.equal(first.response.status, 200);
  const ids = (page: typeof first) => ((page.body?.messages ?? []) as { id: string }[]).map((m) => m.id);
  assert.deepEqual(ids(first), ["msg_alice_01", "msg_alice_06", "msg_alice_02", "msg_alice_03"]);
  assert.equal(first.body?.result_size_estimate, 6);
  const next = first.body?.next_page_token;
  assert.equal(typeof next, "string");
  const second = await call(`/v1/messages?limit=4&page_token=${String(next)}`, { token });
  assert.deepEqual(ids(second), ["msg_alice_04", "msg_alice_05"]);
  assert.equal(second.body?.next_page_token, null);
  const [summary] = (first.body?.messages ?? []) as Record<string, unknown>[];
  assert.deepEqual(Object.keys(summary ?? {}).sort(), ["from", "id", "received_at", "snippet", "subject", "to", "unread"]);
});

test("GET /v1/messages rejects bad limits, bad page tokens and repeated parameters", async () => {
  const token = await as.sign();
  for (const query of [
    "limit=0",
    "limit=51",
    "limit=abc",
    "limit=05",
    "page_token=bogus",
    "limit=1&limit=2",
    "limit=2&page_token=x&page_token=y",
  ]) {
    const { response, body } = await call(`/v1/messages?${query}`, { token });
    assert.equal(response.status, 400, query);
    assert.equal(body?.error, "invalid_request", query);
  }
});

test("unknown query parameters are ignored, even repeated", async () => {
  const token = await as.sign({ claims: { scope: "mail.read mail.send" } });
  const list = await call("/v1/messages?limit=2&foo=1&foo=2&_=123", { token });
  assert.equal(list.response.status, 200);
  assert.equal(((list.body?.messages ?? []) as unknown[]).length, 2);
  const one = await call("/v1/messages/msg_alice_01?view=full", { token });
  assert.equal(one.response.status, 200);
  const sent = await call("/v1/messages?utm_source=x", {
    token,
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ to: "bob@labmail.test", subject: "Hi", body: "Hello" }),
  });
  assert.equal(sent.response.status, 201);
});

test("GET /v1/messages/{id}: another user's message is indistinguishable from a missing one", async () => {
  const token = await as.sign();
  const own = await call("/v1/messages/msg_alice_01", { token });
  assert.equal(own.response.status, 200);
  assert.equal(own.body?.body, "Body of msg_alice_01");
  assert.equal(own.body?.folder, "inbox");
  const bobs = await call("/v1/messages/msg_bob_01", { token });
  const missing = await call("/v1/messages/msg_nope", { token });
  assert.equal(bobs.response.status, 404);
  assert.deepEqual(bobs.body, missing.body);
  assert.equal(bobs.body?.error, "not_found");
});

test("POST /v1/messages validates its JSON body and stores the message in sent", async () => {
  const token = await as.sign({ claims: { scope: "mail.read mail.send" } });
  const post = (body: string, contentType = "application/json") =>
    call("/v1/messages", { token, method: "POST", headers: { "Content-Type": contentType }, body });
  const created = await post(JSON.stringify({ to: "bob@labmail.test", subject: "Lunch?", body: "Noon at the usual place." }));
  assert.equal(created.response.status, 201);
  assert.equal(created.body?.folder, "sent");
  assert.equal(created.body?.to, "bob@labmail.test");

  for (const bad of [
    "{not json",
    JSON.stringify({ to: "not-an-address", subject: "x", body: "y" }),
    JSON.stringify({ to: "bob@labmail.test", subject: "", body: "y" }),
    JSON.stringify({ to: "bob@labmail.test", subject: "x".repeat(201), body: "y" }),
    JSON.stringify({ to: "bob@labmail.test", subject: "x", body: "" }),
    JSON.stringify({ to: "bob@labmail.test", subject: "x", body: "y", from: "ceo@example.com" }),
    JSON.stringify(["array"]),
    // Text the database cannot store: a 400 here, not a 500 from PostgreSQL.
    JSON.stringify({ to: "bob@labmail.test", subject: "x", body: "a\u0000b" }),
    '{"to":"bob@labmail.test","subject":"\\ud800","body":"y"}',
    '{"to":"bob@labmail.test","subject":"x","body":"lone \\udc00 surrogate"}',
  ]) {
    const { response, body } = await post(bad);
    assert.equal(response.status, 400, bad);
    assert.equal(body?.error, "invalid_request", bad);
  }
  assert.equal((await post("to=bob", "application/x-www-form-urlencoded")).response.status, 415);
  const huge = await post(JSON.stringify({ to: "bob@labmail.test", subject: "x", body: "y".repeat(70_000) }));
  assert.equal(huge.response.status, 413);
});

test("unknown paths are 404 and wrong methods 405 with Allow, as JSON", async () => {
  const unknown = await call("/v2/nothing");
  assert.equal(unknown.response.status, 404);
  assert.equal(unknown.body?.error, "not_found");
  const wrong = await call("/v1/messages", { method: "DELETE" });
  assert.equal(wrong.response.status, 405);
  assert.equal(wrong.response.headers.get("allow"), "GET, POST");
});

test("snippets are the start of the body on one line", () => {
  assert.equal(snippetOf("Hello\n\n  world"), "Hello world");
  const long = snippetOf("word ".repeat(100));
  assert.ok(long.length <= 121 && long.endsWith("…"));
});

test("a snippet read from the start of a long body is the one the whole body gives", () => {
  // What snippetOf did before it read only a prefix: the whole body collapsed, then cut.
  const whole = (body: string) => {
    const text = body.replace(/\s+/g, " ").trim();
    if (text.length <= 120) return text;
    const cut = text.slice(0, 120);
    const space = cut.lastIndexOf(" ");
    return `${(space > 60 ? cut.slice(0, space) : cut).trimEnd()}…`;
  };
  const bodies = [
    "word ".repeat(2000),
    `${" ".repeat(900)}late start ${"x".repeat(300)}`,
    `${"\n".repeat(470)}short after blank lines`,
    `${"a".repeat(479)} ${"b".repeat(50)}`,
    `${"é ".repeat(240)}${" ".repeat(200)}end`,
    `${"y".repeat(119)}${" ".repeat(400)}z`,
    "x".repeat(10_000),
  ];
  for (let seed = 1; seed <= 200; seed++) {
    const words = Array.from({ length: seed * 3 }, (_, i) => "ab cd\t\n  efghij ".slice(0, ((seed * 7 + i * 13) % 15) + 1));
    bodies.push(words.join(seed % 2 ? "" : "  "));
  }
  for (const body of bodies) assert.equal(snippetOf(body), whole(body), JSON.stringify(body.slice(0, 60)));
});
