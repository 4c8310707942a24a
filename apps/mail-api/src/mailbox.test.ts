// The mailbox over a real database (the embedded PostgreSQL, in memory, with the mail migrations): the
// SQL reads give exactly what the in-memory mailbox of the other tests gives (ownership, search, keyset
// pages, counts), and held mail is still claimed once the owner is known to this process.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { type RunningEmbeddedDatabase, startEmbeddedDatabase } from "@oauth-flow-lab/db/embedded";
import { createMailDb, type Message, type PrismaClient } from "@oauth-flow-lab/db/mail";
import { createMailSqlPool, type MailSqlPool } from "@oauth-flow-lab/db/mail-sql";
import pg from "pg";
import { createMailbox, escapeLike, listStatement, type Mailbox, type MailboxOwner, type MessagePage } from "./mailbox.ts";
import type { PageCursor } from "./page-token.ts";
import { BOB, memoryMailbox, message } from "./test-mailbox.ts";
import { ALICE } from "./test-tokens.ts";

test("search text is a literal in LIKE: %, _ and \\ are escaped", () => {
  assert.equal(escapeLike("100%"), "100\\%");
  assert.equal(escapeLike("a_b"), "a\\_b");
  assert.equal(escapeLike("C:\\temp"), "C:\\\\temp");
  assert.equal(escapeLike("plain text"), "plain text");
});

test("every list statement, page and count, is scoped to the owner ($1) and the folder ($2)", () => {
  for (const search of [false, true]) {
    for (const after of [false, true]) {
      const { text } = listStatement(search, after);
      const wheres = text.match(/FROM messages WHERE [^)]*?(?=\)|\n)/g) ?? [];
      assert.equal(wheres.length, 2, text);
      for (const where of wheres) assert.match(where, /^FROM messages WHERE owner_sub = \$1 AND folder = \$2/);
    }
  }
});

const migrations = path.resolve(import.meta.dirname, "../../../prisma/mail/migrations");
const alice: MailboxOwner = { sub: ALICE, email: "alice@labmail.test" };
const bob: MailboxOwner = { sub: BOB, email: "bob@labmail.test" };
const carol: MailboxOwner = { sub: "carol-sub-0000000c", email: "Carol@LabMail.test" };

describe("on the embedded PostgreSQL", () => {
  let database: RunningEmbeddedDatabase;
  let prisma: PrismaClient;
  let sql: MailSqlPool;
  let mailbox: Mailbox;
  let memory: Mailbox;
  const zone = process.env.TZ;

  const fixture: Message[] = [
    ...Array.from({ length: 7 }, (_, i) => ({
      ...message(`msg_a_${i}`, ALICE, i * 10),
      subject: i % 3 === 0 ? "100% Bank_note" : `Note ${i}`,
    })),
    message("msg_a_tie", ALICE, 10), // same received_at as msg_a_1: the id breaks the tie
    { ...message("msg_a_sent", ALICE, 3, "sent"), fromName: "Alice", toAddress: "x@example.com" },
    { ...message("msg_b_1", BOB, 5), subject: "Bob's 100% bank note" },
  ];

  before(async () => {
    // Read as UTC whatever the process's zone: Prisma stores DateTime as UTC in `timestamp`.
    process.env.TZ = "America/New_York";
    database = await startEmbeddedDatabase({ name: "mailbox-test", port: 0, dataDir: undefined });
    const setup = new pg.Client({ connectionString: database.url });
    await setup.connect();
    for (const name of readdirSync(migrations)
      .filter((n) => !n.endsWith(".toml"))
      .sort()) {
      await setup.query(readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
    }
    await setup.end();
    prisma = createMailDb(database.url);
    sql = createMailSqlPool(database.url, 2);
    await prisma.mailbox.createMany({
      data: [
        { ownerSub: ALICE, address: "alice@labmail.test", name: "Alice" },
        { ownerSub: BOB, address: "bob@labmail.test", name: "Bob" },
      ],
    });
    await prisma.message.createMany({ data: fixture });
    mailbox = createMailbox(prisma, sql, { now: () => new Date(Date.UTC(2026, 10, 20)) });
    memory = memoryMailbox(fixture.map((m) => ({ ...m })));
  });

  after(async () => {
    await sql?.end();
    await prisma?.$disconnect();
    await database?.stop();
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  /** Every page of a list, following the cursor. */
  async function walk(box: Mailbox, owner: MailboxOwner, folder: "inbox" | "sent", q: string | undefined, limit: number) {
    const pages: MessagePage[] = [];
    let after: PageCursor | undefined;
    do {
      const page = await box.listMessages(owner, { folder, q, limit, after });
      pages.push(page);
      after = page.next ?? undefined;
    } while (after && pages.length < 20);
    return pages;
  }

  test("pages, counts and search answer as the in-memory mailbox does, within the owner's folder", async () => {
    for (const [owner, folder, q, limit] of [
      [alice, "inbox", undefined, 3],
      [alice, "inbox", undefined, 50],
      [alice, "inbox", "bank_", 2],
      [alice, "inbox", "100%", 1],
      [alice, "inbox", "%", 5],
      [alice, "sent", undefined, 1],
      [bob, "inbox", "BANK", 1],
      [bob, "sent", undefined, 10],
    ] as const) {
      const [fromSql, fromMemory] = [await walk(mailbox, owner, folder, q, limit), await walk(memory, owner, folder, q, limit)];
      assert.deepEqual(fromSql, fromMemory, `${owner.sub} ${folder} ${q} ${limit}`);
      for (const m of fromSql.flatMap((p) => p.messages)) assert.equal(m.ownerSub, owner.sub);
    }
  });

  test("one message, read or marked, only in its owner's mailbox", async () => {
    assert.deepEqual(
      await mailbox.findMessage(alice, "msg_a_2"),
      fixture.find((m) => m.id === "msg_a_2"),
    );
    assert.equal(await mailbox.findMessage(alice, "msg_b_1"), undefined);
    assert.equal(await mailbox.setUnread(alice, "msg_b_1", false), undefined);
    assert.equal((await mailbox.findMessage(bob, "msg_b_1"))?.unread, true);
    assert.equal((await mailbox.setUnread(bob, "msg_b_1", false))?.unread, false);
    assert.equal((await mailbox.findMessage(bob, "msg_b_1"))?.unread, false);
  });

  test("a new owner's mailbox opens with the held mail; mail held later is still claimed", async () => {
    const sent = await mailbox.send(bob, { to: "carol@labmail.test", subject: "Before you came", body: "Held for you." });
    assert.equal(sent.folder, "sent");
    const first = await mailbox.listMessages(carol, { folder: "inbox", q: undefined, limit: 50, after: undefined });
    assert.ok(first.messages.some((m) => m.id !== sent.id && m.subject === "Before you came"));
    assert.equal(first.total, first.messages.length);
    // Held while Carol's mailbox was being opened (a send that looked her up just before): still arrives.
    await prisma.heldMessage.create({
      data: (({ ownerSub: _, folder: __, unread: ___, ...envelope }) => ({
        ...envelope,
        recipientAddress: "carol@labmail.test",
        toAddress: "carol@labmail.test",
      }))(message("msg_held_late", BOB, 0)),
    });
    const later = await mailbox.findMessage(carol, "msg_held_late");
    assert.equal(later?.ownerSub, carol.sub);
    assert.equal(await prisma.heldMessage.count(), 0);
    // And delivered directly now that her mailbox exists.
    await mailbox.send(alice, { to: "carol@labmail.test", subject: "Direct", body: "Hi Carol" });
    const found = await mailbox.listMessages(carol, { folder: "inbox", q: "direct", limit: 5, after: undefined });
    assert.deepEqual(
      found.messages.map((m) => [m.subject, m.ownerSub, m.fromAddress]),
      [["Direct", carol.sub, "alice@labmail.test"]],
    );
  });

  test("no mailbox and no address: MailboxNotFound", async () => {
    await assert.rejects(
      mailbox.listMessages({ sub: "nobody", email: undefined }, { folder: "inbox", q: undefined, limit: 5, after: undefined }),
      {
        name: "Error",
        message: "no mailbox for nobody",
      },
    );
  });
});
