// Test helper: an in-memory mailbox with the same ownership and ordering rules as the Prisma one.
import type { Message } from "@oauth-flow-lab/db/mail";
import type { Mailbox } from "./mailbox.ts";

export const BOB = "5f0c1a4e-6b7d-4c1e-9a55-b0b000000002";

export function message(id: string, ownerSub: string, minutesAgo: number, folder = "inbox"): Message {
  return {
    id,
    ownerSub,
    fromName: "Sender",
    fromAddress: "sender@example.com",
    toAddress: "alice@labmail.test",
    subject: `Subject ${id}`,
    body: `Body of ${id}`,
    receivedAt: new Date(Date.UTC(2026, 10, 20) - minutesAgo * 60_000),
    unread: true,
    folder,
  };
}

/** An in-memory mailbox with the same ownership and ordering rules as the Prisma one. */
export function memoryMailbox(messages: Message[]): Mailbox {
  const newestFirst = (a: Message, b: Message) =>
    b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  return {
    async listInbox(ownerSub, { limit, after }) {
      const inbox = messages.filter((m) => m.ownerSub === ownerSub && m.folder === "inbox").sort(newestFirst);
      const rest = after
        ? inbox.filter((m) => m.receivedAt < after.receivedAt || (+m.receivedAt === +after.receivedAt && m.id < after.id))
        : inbox;
      const page = rest.slice(0, limit);
      const last = page.at(-1);
      return {
        messages: page,
        next: rest.length > limit && last ? { receivedAt: last.receivedAt, id: last.id } : null,
        total: inbox.length,
      };
    },
    async findMessage(ownerSub, id) {
      return messages.find((m) => m.id === id && m.ownerSub === ownerSub);
    },
    async send(ownerSub, draft) {
      const sent: Message = {
        ...message(`msg_sent_${messages.length}`, ownerSub, 0, "sent"),
        toAddress: draft.to,
        subject: draft.subject,
        body: draft.body,
        unread: false,
      };
      messages.push(sent);
      return sent;
    },
  };
}
