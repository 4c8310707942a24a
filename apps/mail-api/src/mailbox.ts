// The mailbox: every query the mail API makes. Each one is scoped to the owner's `sub`, so no route
// can reach another user's messages by forgetting a filter. An owner the mail database has never seen
// (an account just created at the AS) gets its mailbox the first time a verified token names it: its
// address from the token's `email` claim, its welcome messages (welcome-messages.ts) and any mail held
// for that address (delivery.ts).
import { randomUUID } from "node:crypto";
import type { Message, Prisma, PrismaClient } from "@oauth-flow-lab/db/mail";
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
 * Search text as a literal inside PostgreSQL's LIKE: Prisma's `contains` wraps it in `%…%` but leaves
 * `%`, `_` and the escape character `\` active, so "%" would match every message.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The message filter of a list query, always inside the owner's mailbox. */
export function listWhere(ownerSub: string, { folder, q }: Pick<ListQuery, "folder" | "q">): Prisma.MessageWhereInput {
  const where: Prisma.MessageWhereInput = { ownerSub, folder };
  if (q === undefined) return where;
  const contains = { contains: escapeLike(q), mode: "insensitive" } as const;
  return { ...where, OR: [{ fromName: contains }, { fromAddress: contains }, { subject: contains }] };
}

export function createMailbox(db: PrismaClient, now: () => Date = () => new Date()): Mailbox {
  /**
   * The owner's mailbox, opened the first time a verified token names it: the mailbox row, the welcome
   * messages (for an owner with no mail at all) and the mail held for its address, in one transaction.
   * Idempotent: ids are fixed before the insert and duplicates are skipped, so two first requests at once
   * open it once. Held mail is claimed on every request, so a message held while the owner's mailbox
   * was being opened still arrives.
   */
  async function ensureMailbox(owner: MailboxOwner): Promise<MailboxRecord> {
    const known = await db.mailbox.findUnique({ where: { ownerSub: owner.sub } });
    const address = known?.address ?? (owner.email === undefined ? undefined : normalizeAddress(owner.email));
    if (address === undefined) throw new MailboxNotFound(`no mailbox for ${owner.sub}`);
    const record = known ?? { ownerSub: owner.sub, address, name: defaultDisplayName(address) };
    const held = await db.heldMessage.findMany({ where: { recipientAddress: address } });
    if (known && held.length === 0) return known;
    await db.$transaction(async (tx) => {
      if (!known) {
        await tx.mailbox.createMany({ data: [record], skipDuplicates: true });
        if (!(await tx.message.findFirst({ where: { ownerSub: owner.sub }, select: { id: true } }))) {
          await tx.message.createMany({ data: welcomeMessages(record, now()), skipDuplicates: true });
        }
      }
      if (held.length > 0) {
        await tx.message.createMany({
          data: held.map(({ recipientAddress: _, ...message }) => ({ ...message, ownerSub: owner.sub, folder: INBOX, unread: true })),
          skipDuplicates: true,
        });
        await tx.heldMessage.deleteMany({ where: { id: { in: held.map((m) => m.id) } } });
      }
    });
    return (await db.mailbox.findUnique({ where: { ownerSub: owner.sub } })) ?? record;
  }

  return {
    async listMessages(owner, { folder, q, limit, after }) {
      await ensureMailbox(owner);
      const where = listWhere(owner.sub, { folder, q });
      // Keyset pagination: strictly after the cursor in (receivedAt desc, id desc) order, which the
      // index (owner_sub, folder, received_at desc, id) serves without an offset scan.
      const [rows, total] = await Promise.all([
        db.message.findMany({
          where: after
            ? {
                AND: [where, { OR: [{ receivedAt: { lt: after.receivedAt } }, { receivedAt: after.receivedAt, id: { lt: after.id } }] }],
              }
            : where,
          orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
          take: limit + 1,
        }),
        db.message.count({ where }),
      ]);
      const messages = rows.slice(0, limit);
      const last = messages.at(-1);
      const next = rows.length > limit && last ? { receivedAt: last.receivedAt, id: last.id } : null;
      return { messages, next, total };
    },

    async findMessage(owner, id) {
      await ensureMailbox(owner);
      return (await db.message.findFirst({ where: { id, ownerSub: owner.sub } })) ?? undefined;
    },

    async setUnread(owner, id, unread) {
      await ensureMailbox(owner);
      // updateMany, filtered by owner: another owner's id updates nothing, exactly like an unknown id.
      const { count } = await db.message.updateMany({ where: { id, ownerSub: owner.sub }, data: { unread } });
      if (count === 0) return undefined;
      return (await db.message.findFirst({ where: { id, ownerSub: owner.sub } })) ?? undefined;
    },

    async send(owner, draft) {
      const sender = await ensureMailbox(owner);
      const recipient = await db.mailbox.findUnique({ where: { address: normalizeAddress(draft.to) } });
      const plan = planDelivery({ sender, draft, recipient: recipient ?? undefined, now: now(), newId: () => `msg_${randomUUID()}` });
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
