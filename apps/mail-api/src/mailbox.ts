// The mailbox: every query the mail API makes. Each one is scoped to the owner's `sub`, so no route
// can reach another user's messages by forgetting a filter. An owner the mail database has never seen
// (an account just created at the AS) gets its welcome messages first (welcome-messages.ts).
import { randomUUID } from "node:crypto";
import type { Message, PrismaClient } from "@oauth-flow-lab/db/mail";
import type { PageCursor } from "./page-token.ts";
import { welcomeMessages } from "./welcome-messages.ts";

export const INBOX = "inbox";
export const SENT = "sent";

export type InboxPage = {
  messages: Message[];
  /** Where the next page starts, or null on the last page. */
  next: PageCursor | null;
  /** The number of messages in the inbox (an estimate for clients: it can change between pages). */
  total: number;
};

export type Draft = { to: string; subject: string; body: string };

export type Mailbox = {
  listInbox(ownerSub: string, page: { limit: number; after: PageCursor | undefined }): Promise<InboxPage>;
  /** Undefined when there is no such message in this owner's mailbox, whoever else may own it. */
  findMessage(ownerSub: string, id: string): Promise<Message | undefined>;
  send(ownerSub: string, draft: Draft): Promise<Message>;
};

/** The owner has no mailbox here: the mail database knows no address for this `sub`. */
export class MailboxNotFound extends Error {}

export function createMailbox(db: PrismaClient, now: () => Date = () => new Date()): Mailbox {
  /**
   * The first time a verified token names an owner with no message at all, its welcome messages are
   * created, in one transaction. Idempotent: their ids are derived from the owner and duplicates are
   * skipped, so two first requests at once create them once. Owners with mail are left as they are.
   */
  async function ensureMailbox(ownerSub: string): Promise<void> {
    if (await db.message.findFirst({ where: { ownerSub }, select: { id: true } })) return;
    await db.$transaction([db.message.createMany({ data: welcomeMessages(ownerSub, now()), skipDuplicates: true })]);
  }

  /** The owner's name and address, as their mail shows them (the mail database has no user table). */
  async function senderOf(ownerSub: string): Promise<{ fromName: string; fromAddress: string }> {
    const sent = await db.message.findFirst({
      where: { ownerSub, folder: SENT },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      select: { fromName: true, fromAddress: true },
    });
    if (sent) return sent;
    const received = await db.message.findFirst({
      where: { ownerSub, folder: INBOX },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      select: { toAddress: true },
    });
    if (!received) throw new MailboxNotFound(`no mailbox for ${ownerSub}`);
    return { fromName: received.toAddress, fromAddress: received.toAddress };
  }

  return {
    async listInbox(ownerSub, { limit, after }) {
      await ensureMailbox(ownerSub);
      const where = { ownerSub, folder: INBOX };
      // Keyset pagination: strictly after the cursor in (receivedAt desc, id desc) order, which the
      // index (owner_sub, folder, received_at desc, id) serves without an offset scan.
      const [rows, total] = await Promise.all([
        db.message.findMany({
          where: after
            ? {
                ...where,
                OR: [{ receivedAt: { lt: after.receivedAt } }, { receivedAt: after.receivedAt, id: { lt: after.id } }],
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

    async findMessage(ownerSub, id) {
      await ensureMailbox(ownerSub);
      return (await db.message.findFirst({ where: { id, ownerSub } })) ?? undefined;
    },

    async send(ownerSub, draft) {
      await ensureMailbox(ownerSub);
      const sender = await senderOf(ownerSub);
      return db.message.create({
        data: {
          id: `msg_${randomUUID()}`,
          ownerSub,
          ...sender,
          toAddress: draft.to,
          subject: draft.subject,
          body: draft.body,
          receivedAt: new Date(),
          unread: false,
          folder: SENT,
        },
      });
    },
  };
}
