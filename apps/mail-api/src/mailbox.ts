// The mailbox: every query the mail API makes. Each one is scoped to the owner's `sub`, so no route
// can reach another user's messages by forgetting a filter. An owner the mail database has never seen
// (an account just created at the AS) gets its mailbox the first time a verified token names it: its
// address from the token's `email` claim, its welcome messages (welcome-messages.ts) and any mail held
// for that address (delivery.ts).
//
// The reads every request makes (a folder's page with its count, one message, the mailbox row, marking
// read) are named prepared statements through `pg` (@oauth-flow-lab/db/mail-sql), one round trip each:
// Prisma's query compiler cost more CPU than everything else the request does. Opening a mailbox,
// claiming held mail and sending stay with Prisma: they are rare, and transactions.
import { randomUUID } from "node:crypto";
import type { Message, PrismaClient } from "@oauth-flow-lab/db/mail";
import type { MailSqlPool, QueryConfig, QueryResultRow } from "@oauth-flow-lab/db/mail-sql";
import type { MailFolder } from "@oauth-flow-lab/lab";
import { type Draft, defaultDisplayName, type MailboxRecord, normalizeAddress, planDelivery } from "./delivery.ts";
import type { PageCursor } from "./page-token.ts";
import { welcomeMessages } from "./welcome-messages.ts";

export type { Draft } from "./delivery.ts";

export const INBOX = "inbox" satisfies MailFolder;
export const SENT = "sent" satisfies MailFolder;

/** The owner of a verified access token: its `sub`, and its `email` claim (RFC 9068 §2.2.1) if any. */
export type MailboxOwner = { readonly sub: string; readonly email: string | undefined };

export type ListQuery = {
  folder: MailFolder;
  /** Case-insensitive text matched against the sender's name and address and the subject. */
  q: string | undefined;
  limit: number;
  after: PageCursor | undefined;
};

export type MessagePage = {
  messages: Message[];
  /** Where the next page starts, or null on the last page. */
  next: PageCursor | null;
  /** The number of messages matching the query (an estimate for clients: it can change between pages). */
  total: number;
};

export type Mailbox = {
  listMessages(owner: MailboxOwner, query: ListQuery): Promise<MessagePage>;
  /** Undefined when there is no such message in this owner's mailbox, whoever else may own it. */
  findMessage(owner: MailboxOwner, id: string): Promise<Message | undefined>;
  /** Marks one of the owner's messages read or unread; undefined when the owner has no such message. */
  setUnread(owner: MailboxOwner, id: string, unread: boolean): Promise<Message | undefined>;
  send(owner: MailboxOwner, draft: Draft): Promise<Message>;
};

/** The owner has no mailbox here, and the token names no address to open one for. */
export class MailboxNotFound extends Error {}

/**
 * Search text as a literal inside PostgreSQL's LIKE (whose escape character is `\` by default):
 * `%`, `_` and `\` are escaped, so "%" matches a percent sign, not every message.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The ILIKE pattern of a search: the text anywhere, as a literal. */
export function containsPattern(q: string): string {
  return `%${escapeLike(q)}%`;
}

/** A Message as the statements select it: the columns under Prisma's field names. */
const MESSAGE_COLUMNS = `id, owner_sub AS "ownerSub", from_name AS "fromName", from_address AS "fromAddress",
  to_address AS "toAddress", subject, body, received_at AS "receivedAt", unread, folder`;

/** Whether mail is held for the mailbox's address ($n): the held-mail check, folded into each read. */
const heldFor = (n: number) => `EXISTS (SELECT 1 FROM held_messages WHERE recipient_address = $${n}) AS held`;

/**
 * The list statement for a search or not, after a cursor or not: one statement (and one plan) per
 * shape. $1 owner sub, $2 folder, $3 page size + 1, $4 the mailbox's address (held mail), then the
 * ILIKE pattern, then the cursor. Both the page and the count are inside the owner's folder; the count
 * ignores the cursor (the whole list's size). Keyset pagination: strictly after the cursor in
 * (received_at desc, id desc) order, which the index (owner_sub, folder, received_at desc, id) serves
 * without an offset scan.
 */
export function listStatement(search: boolean, after: boolean): { name: string; text: string } {
  let n = 4;
  const matching = ["owner_sub = $1", "folder = $2"];
  if (search) {
    const p = `$${++n}`;
    matching.push(`(from_name ILIKE ${p} OR from_address ILIKE ${p} OR subject ILIKE ${p})`);
  }
  const where = matching.join(" AND ");
  let keyset = "";
  if (after) {
    const [r, i] = [`$${++n}::timestamp(3)`, `$${++n}`];
    keyset = ` AND (received_at < ${r} OR (received_at = ${r} AND id < ${i}))`;
  }
  return {
    name: `mail_list_${search ? "q" : "all"}_${after ? "after" : "first"}`,
    text: `SELECT counted.total, counted.held, page.*
FROM (SELECT (SELECT count(*)::int FROM messages WHERE ${where}) AS total, ${heldFor(4)}) AS counted
LEFT JOIN LATERAL (
  SELECT ${MESSAGE_COLUMNS} FROM messages WHERE ${where}${keyset}
  ORDER BY received_at DESC, id DESC LIMIT $3
) AS page ON true
ORDER BY page."receivedAt" DESC, page.id DESC`,
  };
}

const LIST = {
  all: { first: listStatement(false, false), after: listStatement(false, true) },
  q: { first: listStatement(true, false), after: listStatement(true, true) },
};

/** One message of the owner's ($2), or a row of nulls; and whether mail is held for the address ($3). */
const FIND_MESSAGE = {
  name: "mail_find_message",
  text: `SELECT ${heldFor(3)}, found.*
FROM (SELECT 1) AS one LEFT JOIN (SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = $1 AND owner_sub = $2) AS found ON true`,
};

/** Marks one of the owner's ($2) messages; another owner's id updates nothing, exactly like an unknown id. */
const SET_UNREAD = {
  name: "mail_set_unread",
  text: `WITH updated AS (UPDATE messages SET unread = $3 WHERE id = $1 AND owner_sub = $2 RETURNING ${MESSAGE_COLUMNS})
SELECT ${heldFor(4)}, updated.* FROM (SELECT 1) AS one LEFT JOIN updated ON true`,
};

const MAILBOX_BY_SUB = {
  name: "mail_mailbox_by_sub",
  text: `SELECT owner_sub AS "ownerSub", address, name FROM mailboxes WHERE owner_sub = $1`,
};

const MAILBOX_BY_ADDRESS = {
  name: "mail_mailbox_by_address",
  text: `SELECT owner_sub AS "ownerSub", address, name FROM mailboxes WHERE address = $1`,
};

const HELD_EXISTS = { name: "mail_held_exists", text: `SELECT ${heldFor(1)}` };

/** What the mailbox needs of a `pg` pool: parameterized queries. */
export type SqlClient = { query<R extends QueryResultRow>(config: QueryConfig): Promise<{ rows: R[] }> };

type MessageRow = { [K in keyof Message]: Message[K] | null };
type Held = { held: boolean };

/** A row of a LEFT JOIN: its message, or undefined when the join found none (every column null). */
function messageOf(row: MessageRow | undefined): Message | undefined {
  if (!row || row.id === null) return undefined;
  const m = row as Message;
  return {
    id: m.id,
    ownerSub: m.ownerSub,
    fromName: m.fromName,
    fromAddress: m.fromAddress,
    toAddress: m.toAddress,
    subject: m.subject,
    body: m.body,
    receivedAt: m.receivedAt,
    unread: m.unread,
    folder: m.folder,
  };
}

export type MailboxOptions = {
  now?: () => Date;
  /** Most owners remembered as having a mailbox; the oldest is forgotten first. */
  maxKnownMailboxes?: number;
};

/**
 * The mailbox over the mail database: `sql` (a `pg` pool) for the reads every request makes, `db`
 * (Prisma) for opening a mailbox, claiming held mail and sending.
 */
export function createMailbox(db: PrismaClient, sql: SqlClient | MailSqlPool, options: MailboxOptions = {}): Mailbox {
  const now = options.now ?? (() => new Date());
  const maxKnown = options.maxKnownMailboxes ?? 10_000;
  const query = <R extends QueryResultRow>(statement: { name: string; text: string }, values: unknown[]) =>
    (sql as SqlClient).query<R>({ ...statement, values });

  /**
   * Owners known to have a mailbox row, and its address and name. A pure optimisation: a mailbox row
   * is never deleted or changed once written (nothing in the lab deletes or updates one), so once seen
   * it stays true; held mail is still checked on every request, inside the request's own statement.
   */
  const known = new Map<string, MailboxRecord>();
  const remember = (record: MailboxRecord) => {
    if (known.size >= maxKnown) {
      const oldest = known.keys().next();
      if (!oldest.done) known.delete(oldest.value);
    }
    known.set(record.ownerSub, record);
  };

  /**
   * The owner's mailbox, opened the first time a verified token names it: the mailbox row, the welcome
   * messages (for an owner with no mail at all) and the mail held for its address, in one transaction.
   * Idempotent: ids are fixed before the insert and duplicates are skipped, so two first requests at once
   * open it once.
   */
  async function openMailbox(owner: MailboxOwner): Promise<MailboxRecord> {
    const remembered = known.get(owner.sub);
    if (remembered) return remembered;
    const [stored] = (await query<MailboxRecord>(MAILBOX_BY_SUB, [owner.sub])).rows;
    if (stored) {
      remember(stored);
      return stored;
    }
    if (owner.email === undefined) throw new MailboxNotFound(`no mailbox for ${owner.sub}`);
    const address = normalizeAddress(owner.email);
    const record = { ownerSub: owner.sub, address, name: defaultDisplayName(address) };
    const held = await db.heldMessage.findMany({ where: { recipientAddress: address } });
    await db.$transaction(async (tx) => {
      await tx.mailbox.createMany({ data: [record], skipDuplicates: true });
      if (!(await tx.message.findFirst({ where: { ownerSub: owner.sub }, select: { id: true } }))) {
        await tx.message.createMany({ data: welcomeMessages(record, now()), skipDuplicates: true });
      }
      await moveHeld(tx, owner.sub, held);
    });
    const opened = await db.mailbox.findUnique({ where: { ownerSub: owner.sub } });
    // Not remembered when the row is not there (its address belongs to another owner): asked again next time.
    if (opened) remember(opened);
    return opened ?? record;
  }

  type Transaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
  type HeldRow = Awaited<ReturnType<PrismaClient["heldMessage"]["findMany"]>>[number];

  async function moveHeld(tx: Transaction, ownerSub: string, held: HeldRow[]): Promise<void> {
    if (held.length === 0) return;
    await tx.message.createMany({
      data: held.map(({ recipientAddress: _, ...message }) => ({ ...message, ownerSub, folder: INBOX, unread: true })),
      skipDuplicates: true,
    });
    await tx.heldMessage.deleteMany({ where: { id: { in: held.map((m) => m.id) } } });
  }

  /**
   * Mail held for the owner's address moves into their inbox. Claimed on every request (each read says
   * whether there is any), so a message held while the owner's mailbox was being opened still arrives.
   */
  async function claimHeld(record: MailboxRecord): Promise<void> {
    const held = await db.heldMessage.findMany({ where: { recipientAddress: record.address } });
    if (held.length > 0) await db.$transaction((tx) => moveHeld(tx, record.ownerSub, held));
  }

  return {
    async listMessages(owner, { folder, q, limit, after }) {
      const mailbox = await openMailbox(owner);
      const statement = LIST[q === undefined ? "all" : "q"][after ? "after" : "first"];
      const values: unknown[] = [owner.sub, folder, limit + 1, mailbox.address];
      if (q !== undefined) values.push(containsPattern(q));
      if (after) values.push(after.receivedAt.toISOString(), after.id);
      let rows = (await query<MessageRow & Held & { total: number }>(statement, values)).rows;
      if (rows[0]?.held) {
        await claimHeld(mailbox);
        rows = (await query<MessageRow & Held & { total: number }>(statement, values)).rows;
      }
      const found = rows.flatMap((row) => messageOf(row) ?? []);
      const messages = found.slice(0, limit);
      const last = messages.at(-1);
      const next = found.length > limit && last ? { receivedAt: last.receivedAt, id: last.id } : null;
      return { messages, next, total: rows[0]?.total ?? 0 };
    },

    async findMessage(owner, id) {
      const mailbox = await openMailbox(owner);
      let [row] = (await query<MessageRow & Held>(FIND_MESSAGE, [id, owner.sub, mailbox.address])).rows;
      if (row?.held) {
        await claimHeld(mailbox);
        [row] = (await query<MessageRow & Held>(FIND_MESSAGE, [id, owner.sub, mailbox.address])).rows;
      }
      return messageOf(row);
    },

    async setUnread(owner, id, unread) {
      const mailbox = await openMailbox(owner);
      let [row] = (await query<MessageRow & Held>(SET_UNREAD, [id, owner.sub, unread, mailbox.address])).rows;
      if (row?.held) {
        // A held message becomes the owner's only now: it may be the one asked for.
        await claimHeld(mailbox);
        if (messageOf(row) === undefined)
          [row] = (await query<MessageRow & Held>(SET_UNREAD, [id, owner.sub, unread, mailbox.address])).rows;
      }
      return messageOf(row);
    },

    async send(owner, draft) {
      const sender = await openMailbox(owner);
      if ((await query<Held>(HELD_EXISTS, [sender.address])).rows[0]?.held) await claimHeld(sender);
      const [recipient] = (await query<MailboxRecord>(MAILBOX_BY_ADDRESS, [normalizeAddress(draft.to)])).rows;
      const plan = planDelivery({ sender, draft, recipient, now: now(), newId: () => `msg_${randomUUID()}` });
      // The sender's copy and the recipient's (or the held one) are written together, or not at all.
      const [sent] = await db.$transaction([
        db.message.create({ data: plan.sent }),
        ...(plan.inbox ? [db.message.create({ data: plan.inbox })] : []),
        ...(plan.held ? [db.heldMessage.create({ data: plan.held })] : []),
      ]);
      return sent;
    },
  };
}
