// Issue 10, "Mail app": folders, search, read/unread (mail.modify), delivery between users and cursor
// pagination of the mail API, and per-user authorization on every route: Bob never sees Alice's mail,
// whatever the request says. Real HTTP against the running lab (AS tokens, mail API, its database).
import { randomBytes } from "node:crypto";
import { MAIL_DOMAIN } from "@oauth-flow-lab/lab";
import { expect, test } from "@playwright/test";
import {
  alice,
  authorizationRequest,
  bob,
  client,
  issuer,
  locationOf,
  mailApi,
  obtainTokens,
  ScriptedUserAgent,
  tokenRequest,
} from "../support/lab.ts";

type Summary = { id: string; subject: string; unread: boolean; from: { name: string; address: string }; to: string };
type List = { messages: Summary[]; next_page_token: string | null; result_size_estimate: number };

async function api(token: string, path: string, init: { method?: string; json?: unknown } = {}) {
  const response = await fetch(`${mailApi}${path}`, {
    method: init.method ?? "GET",
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.json === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === "" ? undefined : JSON.parse(text)) as Record<string, unknown>,
  };
}
const list = async (token: string, query: string) => {
  const answer = await api(token, `/v1/messages?${query}`);
  expect(answer.status, query).toBe(200);
  return answer.body as unknown as List;
};
/** Every page of a list, following next_page_token. */
async function allPages(token: string, query: string): Promise<Summary[][]> {
  const pages: Summary[][] = [];
  let pageToken: string | null = null;
  do {
    const page: List = await list(token, `${query}${pageToken ? `&page_token=${pageToken}` : ""}`);
    pages.push(page.messages);
    pageToken = page.next_page_token;
  } while (pageToken !== null && pages.length < 50);
  return pages;
}
const send = (token: string, to: string, subject: string, body = "Hello from the integration tests.") =>
  api(token, "/v1/messages", { method: "POST", json: { to, subject, body } });
const unique = (label: string) => `${label} ${randomBytes(4).toString("hex")}`;

let aliceAll: string;
let bobAll: string;
let aliceReadOnly: string;
let aliceSendOnly: string;

test.beforeAll(async () => {
  aliceAll = (await obtainTokens("openid mail.read mail.send mail.modify", alice)).access_token;
  bobAll = (await obtainTokens("openid mail.read mail.send mail.modify", bob)).access_token;
  aliceReadOnly = (await obtainTokens("openid mail.read", alice)).access_token;
  aliceSendOnly = (await obtainTokens("openid mail.send", alice)).access_token;
});

test("Alice → Bob: the message lands unread in Bob's inbox, and Alice's copy in her sent folder", async () => {
  const subject = unique("Lunch on Friday?");
  const sent = await send(aliceAll, bob.email, subject);
  expect(sent.status).toBe(201);
  expect(sent.body).toMatchObject({ folder: "sent", unread: false, to: bob.email, from: { name: alice.name, address: alice.email } });

  const bobInbox = await list(bobAll, `q=${encodeURIComponent(subject)}`);
  expect(bobInbox.messages).toHaveLength(1);
  expect(bobInbox.messages[0]).toMatchObject({ subject, unread: true, to: bob.email, from: { name: alice.name, address: alice.email } });
  expect(bobInbox.messages[0]?.id).not.toBe(sent.body.id);
  const aliceSent = await list(aliceAll, `folder=sent&q=${encodeURIComponent(subject)}`);
  expect(aliceSent.messages.map((m) => m.id)).toEqual([sent.body.id]);
  expect((await list(aliceAll, `folder=inbox&q=${encodeURIComponent(subject)}`)).messages).toEqual([]);
  expect((await list(bobAll, `folder=sent&q=${encodeURIComponent(subject)}`)).messages).toEqual([]);
});

test("mail to a new LabMail user waits for their first request; mail to another domain is only filed in sent", async () => {
  // Sign up a student after the mail was sent: the mail API has never seen their mailbox.
  const username = `mailer-${randomBytes(5).toString("hex")}`;
  const subject = unique("Welcome to the class");
  expect((await send(aliceAll, `${username}@${MAIL_DOMAIN}`, subject)).status).toBe(201);
  const outside = unique("Outside the lab");
  expect((await send(aliceAll, "someone@example.com", outside)).status).toBe(201);

  const agent = new ScriptedUserAgent();
  const student = { username, name: "Nia Newcomer", password: "a long class passphrase" };
  const created = locationOf(await agent.post(`${issuer}/signup/create`, student, { origin: new URL(issuer).origin }));
  expect(created.searchParams.get("created")).toBe(username);
  const request = authorizationRequest("openid mail.read");
  const code = (await agent.authorize(request.query, student)).searchParams.get("code") ?? "";
  const tokens = (await (
    await tokenRequest({
      grant_type: "authorization_code",
      code,
      redirect_uri: client.redirect_uri,
      code_verifier: request.pkce.code_verifier,
    })
  ).json()) as { access_token: string };

  const inbox = await list(tokens.access_token, "limit=50");
  expect(inbox.messages.map((m) => m.subject)).toEqual(expect.arrayContaining([subject, "Welcome to LabMail"]));
  // The welcome messages go to the user's real address now, not to one made of their sub.
  expect(new Set(inbox.messages.map((m) => m.to))).toEqual(new Set([`${username}@${MAIL_DOMAIN}`]));
  expect((await list(aliceAll, `folder=sent&q=${encodeURIComponent(outside)}`)).messages).toHaveLength(1);
});

test("PATCH /v1/messages/{id}: mail.modify marks read and unread; GET alone changes nothing", async () => {
  const subject = unique("Please read me");
  await send(bobAll, alice.email, subject);
  const [message] = (await list(aliceAll, `q=${encodeURIComponent(subject)}`)).messages;
  if (!message) throw new Error("the message did not arrive");
  expect((await api(aliceReadOnly, `/v1/messages/${message.id}`)).body.unread).toBe(true);

  const read = await api(aliceAll, `/v1/messages/${message.id}`, { method: "PATCH", json: { unread: false } });
  expect(read.status).toBe(200);
  expect(read.body).toMatchObject({ id: message.id, unread: false });
  expect((await list(aliceAll, `q=${encodeURIComponent(subject)}`)).messages[0]?.unread).toBe(false);
  const unread = await api(aliceAll, `/v1/messages/${message.id}`, { method: "PATCH", json: { unread: true } });
  expect(unread.body.unread).toBe(true);

  for (const bad of [{}, { unread: "false" }, { unread: false, subject: "x" }]) {
    const refused = await api(aliceAll, `/v1/messages/${message.id}`, { method: "PATCH", json: bad });
    expect(refused.status, JSON.stringify(bad)).toBe(400);
    expect(refused.body.error).toBe("invalid_request");
  }
});

test("each route keeps its scope: 403 insufficient_scope naming it in WWW-Authenticate", async () => {
  const [any] = (await list(aliceAll, "limit=1")).messages;
  if (!any) throw new Error("Alice has no mail");
  const cases = [
    { token: aliceSendOnly, path: "/v1/messages", init: {}, scope: "mail.read" },
    { token: aliceSendOnly, path: "/v1/messages?folder=sent&q=x", init: {}, scope: "mail.read" },
    { token: aliceSendOnly, path: `/v1/messages/${any.id}`, init: {}, scope: "mail.read" },
    {
      token: aliceReadOnly,
      path: "/v1/messages",
      init: { method: "POST", json: { to: bob.email, subject: "x", body: "y" } },
      scope: "mail.send",
    },
    { token: aliceReadOnly, path: `/v1/messages/${any.id}`, init: { method: "PATCH", json: { unread: false } }, scope: "mail.modify" },
    { token: aliceSendOnly, path: `/v1/messages/${any.id}`, init: { method: "PATCH", json: { unread: false } }, scope: "mail.modify" },
  ];
  for (const { token, path, init, scope } of cases) {
    const answer = await api(token, path, init);
    expect(answer.status, `${init.method ?? "GET"} ${path}`).toBe(403);
    expect(answer.body.error).toBe("insufficient_scope");
    expect(answer.headers.get("www-authenticate")).toMatch(new RegExp(`error="insufficient_scope".*scope="${scope}"$`));
  }
});

test("Bob never sees Alice's mail: read, PATCH, search and page tokens stay inside his own mailbox", async () => {
  const secret = unique("Alice's private note");
  await send(aliceAll, alice.email, secret); // to herself: one copy in her inbox, one in her sent folder
  const [aliceInboxCopy] = (await list(aliceAll, `q=${encodeURIComponent(secret)}`)).messages;
  const [aliceSentCopy] = (await list(aliceAll, `folder=sent&q=${encodeURIComponent(secret)}`)).messages;
  if (!aliceInboxCopy || !aliceSentCopy) throw new Error("Alice's note is missing");

  for (const id of [aliceInboxCopy.id, aliceSentCopy.id]) {
    const read = await api(bobAll, `/v1/messages/${id}`);
    expect(read.status).toBe(404);
    expect(read.body.error).toBe("not_found");
    const patched = await api(bobAll, `/v1/messages/${id}`, { method: "PATCH", json: { unread: false } });
    expect(patched.status).toBe(404);
  }
  // Bob's PATCH changed nothing: Alice's copy is still unread.
  expect((await api(aliceAll, `/v1/messages/${aliceInboxCopy.id}`)).body.unread).toBe(true);

  // Search never crosses mailboxes: Alice finds her note in both folders, Bob in neither.
  for (const folder of ["inbox", "sent"]) {
    expect((await list(bobAll, `folder=${folder}&q=${encodeURIComponent(secret)}`)).messages).toEqual([]);
  }
  const bobsSeeded = await allPages(bobAll, "limit=50");
  expect(bobsSeeded.flat().some((m) => m.subject === secret)).toBe(false);

  // Alice's page tokens, in any list, are refused for Bob; and for Alice with another folder or search.
  const aliceInboxPage = await list(aliceAll, "limit=2");
  const aliceSearchPage = await list(aliceAll, "limit=1&q=labmail");
  for (const pageToken of [aliceInboxPage.next_page_token, aliceSearchPage.next_page_token]) {
    expect(pageToken).not.toBeNull();
    for (const query of ["limit=2", "limit=1&q=labmail", "folder=sent&limit=2"]) {
      const refused = await api(bobAll, `/v1/messages?${query}&page_token=${pageToken}`);
      expect(refused.status, query).toBe(400);
      expect(refused.body.error).toBe("invalid_request");
    }
  }
  expect((await api(aliceAll, `/v1/messages?folder=sent&limit=2&page_token=${aliceInboxPage.next_page_token}`)).status).toBe(400);
  expect((await api(aliceAll, `/v1/messages?limit=2&page_token=${aliceInboxPage.next_page_token}`)).status).toBe(200);
});

test("search: case-insensitive on the sender's name or address and the subject, combinable with the folder", async () => {
  const subject = unique("Quarterly PLANNING");
  await send(bobAll, alice.email, subject);
  expect((await list(aliceAll, `q=${encodeURIComponent(subject.toLowerCase())}`)).messages.map((m) => m.subject)).toEqual([subject]);
  const byName = await list(aliceAll, `q=${encodeURIComponent(bob.name.toUpperCase())}&limit=50`);
  expect(byName.messages.length).toBeGreaterThan(0);
  expect(byName.messages.every((m) => m.from.name === bob.name || m.subject.toUpperCase().includes(bob.name.toUpperCase()))).toBe(true);
  const byAddress = await list(aliceAll, `q=${encodeURIComponent(bob.email)}&limit=50`);
  expect(byAddress.messages.map((m) => m.subject)).toContain(subject);
  expect(byAddress.result_size_estimate).toBe(byAddress.messages.length);
  // A wildcard character is text, not a pattern (before the fix, "%" matched every message).
  const discount = unique("Discount: 100% off_today");
  await send(bobAll, alice.email, discount);
  for (const text of ["%", "100%", "_today"]) {
    const found = await list(aliceAll, `q=${encodeURIComponent(text)}&limit=50`);
    expect(
      found.messages.map((m) => m.subject),
      text,
    ).toContain(discount);
    expect(
      found.messages.every((m) => `${m.subject}${m.from.name}${m.from.address}`.includes(text)),
      text,
    ).toBe(true);
  }
  expect((await api(aliceAll, `/v1/messages?q=${"x".repeat(101)}`)).status).toBe(400);
  expect((await api(aliceAll, "/v1/messages?folder=trash")).status).toBe(400);
});

test("cursor pagination: every list (inbox, sent, search) is walked once, newest first, without gaps or repeats", async () => {
  for (let i = 0; i < 3; i++) await send(aliceAll, alice.email, unique(`Paging test ${i}`));
  for (const query of ["folder=inbox&limit=4", "folder=sent&limit=2", "q=paging%20test&limit=2", "folder=sent&q=paging&limit=1"]) {
    const pages = await allPages(aliceAll, query);
    const ids = pages.flat().map((m) => m.id);
    const everything = await list(aliceAll, query.replace(/limit=\d+/, "limit=50"));
    expect(ids, query).toEqual(everything.messages.map((m) => m.id));
    expect(pages.length, query).toBeGreaterThan(1);
    expect(new Set(ids).size).toBe(ids.length);
    expect(everything.result_size_estimate).toBe(ids.length);
  }
});
