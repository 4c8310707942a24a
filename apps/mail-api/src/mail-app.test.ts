// Issue 10: folders, search, read/unread, delivery between users and bound page tokens, over HTTP
// against the real request listener with the in-memory mailbox (no database).
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { createRequestListener } from "./app.ts";
import { silentLogger } from "./test-logger.ts";
import { BOB, type MemoryMailboxState, memoryMailbox, message } from "./test-mailbox.ts";
import { ALICE, AUDIENCE, createTestIssuer, ISSUER, type TestIssuer } from "./test-tokens.ts";
import { createAccessTokenVerifier } from "./verify-access-token.ts";

let server: Server;
let base: string;
let as: TestIssuer;
const CAROL = "5f0c1a4e-6b7d-4c1e-9a55-ca401000000c";
const state: MemoryMailboxState = { messages: [], mailboxes: [], held: [] };

before(async () => {
  as = await createTestIssuer();
  state.messages.push(
    ...Array.from({ length: 5 }, (_, i) => ({
      ...message(`msg_alice_0${i + 1}`, ALICE, i * 10),
      subject: i === 3 ? "Your bank statement" : `Note ${i}`,
    })),
    {
      ...message("msg_alice_s1", ALICE, 3, "sent"),
      fromName: "Alice Martin",
      fromAddress: "alice@labmail.test",
      toAddress: "x@example.com",
    },
    { ...message("msg_bob_01", BOB, 5), subject: "Bob's bank statement" },
  );
  state.mailboxes.push(
    { ownerSub: ALICE, address: "alice@labmail.test", name: "Alice Martin" },
    { ownerSub: BOB, address: "bob@labmail.test", name: "Bob Nguyen" },
  );
  server = createServer(
    createRequestListener({
      verifier: createAccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keySet: as.keySet }),
      mailbox: memoryMailbox(state.messages, state),
      logger: silentLogger,
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function call(path: string, token: string, init: { method?: string; json?: unknown } = {}) {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (init.json !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? "GET",
    headers,
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === "" ? undefined : JSON.parse(text)) as Record<string, unknown> | undefined,
  };
}
const ids = (body: Record<string, unknown> | undefined) => ((body?.messages ?? []) as { id: string }[]).map((m) => m.id);
const token = (sub: string, scope: string) => as.sign({ claims: { sub, scope } });

test("folders: inbox by default, sent on request, each only the owner's", async () => {
  const alice = await token(ALICE, "mail.read");
  assert.deepEqual(ids((await call("/v1/messages", alice)).body), [
    "msg_alice_01",
    "msg_alice_02",
    "msg_alice_03",
    "msg_alice_04",
    "msg_alice_05",
  ]);
  assert.deepEqual(ids((await call("/v1/messages?folder=sent", alice)).body), ["msg_alice_s1"]);
  assert.equal((await call("/v1/messages?folder=trash", alice)).status, 400);
});

test("search: case-insensitive on sender and subject, within one folder of one mailbox", async () => {
  const alice = await token(ALICE, "mail.read");
  const bank = await call("/v1/messages?q=BANK", alice);
  assert.deepEqual(ids(bank.body), ["msg_alice_04"], "Bob's bank statement is not Alice's");
  assert.equal(bank.body?.result_size_estimate, 1);
  assert.deepEqual(ids((await call("/v1/messages?q=sender%40example", alice)).body).length, 5, "by sender address");
  assert.deepEqual(ids((await call("/v1/messages?folder=sent&q=bank", alice)).body), []);
  assert.deepEqual(ids((await call("/v1/messages?q=%20%20", alice)).body).length, 5, "blank is no search");
});

test("pagination: keyset pages cover the folder once; a page token only continues its own list", async () => {
  const alice = await token(ALICE, "mail.read");
  const bob = await token(BOB, "mail.read");
  const first = await call("/v1/messages?limit=2", alice);
  const second = await call(`/v1/messages?limit=2&page_token=${first.body?.next_page_token}`, alice);
  const third = await call(`/v1/messages?limit=2&page_token=${second.body?.next_page_token}`, alice);
  assert.deepEqual(
    [...ids(first.body), ...ids(second.body), ...ids(third.body)],
    ["msg_alice_01", "msg_alice_02", "msg_alice_03", "msg_alice_04", "msg_alice_05"],
  );
  assert.equal(third.body?.next_page_token, null);
  const alicesToken = String(first.body?.next_page_token);
  for (const [path, who] of [
    [`/v1/messages?limit=2&page_token=${alicesToken}`, bob],
    [`/v1/messages?folder=sent&page_token=${alicesToken}`, alice],
    [`/v1/messages?q=note&page_token=${alicesToken}`, alice],
  ] as const) {
    const refused = await call(path, who);
    assert.equal(refused.status, 400, path);
    assert.equal(refused.body?.error, "invalid_request");
  }
});

test("PATCH marks read and unread with mail.modify only; another user's id is 404 and stays as it was", async () => {
  const reader = await token(ALICE, "mail.read");
  const modifier = await token(ALICE, "mail.read mail.modify");
  const refused = await call("/v1/messages/msg_alice_01", reader, { method: "PATCH", json: { unread: false } });
  assert.equal(refused.status, 403);
  assert.match(refused.headers.get("www-authenticate") ?? "", /error="insufficient_scope".*scope="mail.modify"/);
  const read = await call("/v1/messages/msg_alice_01", modifier, { method: "PATCH", json: { unread: false } });
  assert.equal(read.status, 200);
  assert.equal(read.body?.unread, false);
  assert.equal((await call("/v1/messages/msg_alice_01", reader)).body?.unread, false);
  assert.equal((await call("/v1/messages/msg_alice_01", modifier, { method: "PATCH", json: { unread: true } })).body?.unread, true);
  assert.equal((await call("/v1/messages/msg_alice_01", modifier, { method: "PATCH", json: { unread: "no" } })).status, 400);
  assert.equal(
    (await call("/v1/messages/msg_alice_01", modifier, { method: "PATCH", json: { unread: false, folder: "sent" } })).status,
    400,
  );

  const crossUser = await call("/v1/messages/msg_bob_01", modifier, { method: "PATCH", json: { unread: false } });
  assert.equal(crossUser.status, 404);
  assert.equal(state.messages.find((m) => m.id === "msg_bob_01")?.unread, true, "Bob's message was not touched");
});

test("delivery: Alice → Bob lands unread in Bob's inbox; mail to a new LabMail user waits for their first request", async () => {
  const alice = await token(ALICE, "mail.read mail.send");
  const sent = await call("/v1/messages", alice, { method: "POST", json: { to: "Bob@labmail.test", subject: "Lunch?", body: "Noon?" } });
  assert.equal(sent.status, 201);
  assert.equal(sent.body?.folder, "sent");
  assert.deepEqual(sent.body?.from, { name: "Alice Martin", address: "alice@labmail.test" });
  const bobInbox = await call("/v1/messages?q=lunch", await token(BOB, "mail.read"));
  assert.deepEqual(
    ((bobInbox.body?.messages ?? []) as { from: unknown; unread: boolean }[]).map((m) => [m.from, m.unread]),
    [[{ name: "Alice Martin", address: "alice@labmail.test" }, true]],
  );
  assert.equal((await call(`/v1/messages/${sent.body?.id}`, await token(BOB, "mail.read"))).status, 404, "the sent copy is Alice's");

  await call("/v1/messages", alice, { method: "POST", json: { to: "carol@labmail.test", subject: "Welcome, Carol", body: "Hi!" } });
  await call("/v1/messages", alice, { method: "POST", json: { to: "dan@example.com", subject: "Outside", body: "Hi!" } });
  const carol = await as.sign({ claims: { sub: CAROL, email: "carol@labmail.test", scope: "mail.read" } });
  assert.deepEqual(ids((await call("/v1/messages?q=welcome%2C%20carol", carol)).body).length, 1);
  assert.equal(state.held.length, 0);
  assert.ok(!state.messages.some((m) => m.subject === "Outside" && m.folder === "inbox"), "other domains are only filed in sent");
});

test("a token with no email claim, for an owner never seen, has no mailbox: 404", async () => {
  const stranger = await as.sign({ claims: { sub: "5f0c1a4e-6b7d-4c1e-9a55-000000000099", email: undefined } });
  assert.equal((await call("/v1/messages", stranger)).status, 404);
});
