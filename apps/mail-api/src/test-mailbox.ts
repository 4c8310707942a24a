// Test helper: an in-memory mailbox with the same ownership, ordering, search and delivery rules as the
// Prisma one (delivery.ts plans where a sent message goes for both).
import type { Message } from "@oauth-flow-lab/db/mail";
import { defaultDisplayName, type Envelope, type MailboxRecord, normalizeAddress, planDelivery } from "./delivery.ts";
import { type Mailbox, MailboxNotFound, type MailboxOwner } from "./mailbox.ts";

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

export type MemoryMailboxState = {
  messages: Message[];
  mailboxes: MailboxRecord[];
  held: (Envelope & { recipientAddress: string })[];
};

/** An in-memory mailbox with the same ownership and ordering rules as the Prisma one. */
export function memoryMailbox(
  messages: Message[],
  state: MemoryMailboxState = { messages, mailboxes: [], held: [] },
  /** A fixed clock by default, so that two mailboxes of one test answer byte for byte alike. */
  now: () => Date = () => new Date(Date.UTC(2026, 10, 20)),
): Mailbox {
  let ids = 0;
  const newestFirst = (a: Message, b: Message) =>
    b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

  /** Like the Prisma mailbox: opened at first sight from the token's email, held mail claimed. */
  function ensureMailbox(owner: MailboxOwner): MailboxRecord {
    let record = state.mailboxes.find((m) => m.ownerSub === owner.sub);
    if (!record) {
      if (owner.email === undefined) throw new MailboxNotFound(`no mailbox for ${owner.sub}`);
      const address = normalizeAddress(owner.email);
      record = { ownerSub: owner.sub, address, name: defaultDisplayName(address) };
      state.mailboxes.push(record);
    }
    const address = record.address;
    for (const held of state.held.filter((h) => h.recipientAddress === address)) {
      const { recipientAddress: _, ...envelope } = held;
      messages.push({ ...envelope, ownerSub: owner.sub, folder: "inbox", unread: true });
    }
    state.held = state.held.filter((h) => h.recipientAddress !== address);
    return record;
  }

  return {
    async listMessages(owner, { folder, q, limit, after }) {
      ensureMailbox(owner);
      const needle = q?.toLowerCase();
      const matches = (m: Message) =>
        needle === undefined || [m.fromName, m.fromAddress, m.subject].some((field) => field.toLowerCase().includes(needle));
      const all = messages.filter((m) => m.ownerSub === owner.sub && m.folder === folder && matches(m)).sort(newestFirst);
      const rest = after
        ? all.filter((m) => m.receivedAt < after.receivedAt || (+m.receivedAt === +after.receivedAt && m.id < after.id))
        : all;
      const page = rest.slice(0, limit);
      const last = page.at(-1);
      return {
        messages: page,
        next: rest.length > limit && last ? { receivedAt: last.receivedAt, id: last.id } : null,
        total: all.length,
      };
    },
    async findMessage(owner, id) {
      ensureMailbox(owner);
      return messages.find((m) => m.id === id && m.ownerSub === owner.sub);
    },
    async setUnread(owner, id, unread) {
      ensureMailbox(owner);
      const found = messages.find((m) => m.id === id && m.ownerSub === owner.sub);
      if (found) found.unread = unread;
      return found;
    },
    async send(owner, draft) {
      const sender = ensureMailbox(owner);
      const recipient = state.mailboxes.find((m) => m.address === normalizeAddress(draft.to));
      const plan = planDelivery({ sender, draft, recipient, now: now(), newId: () => `msg_sent_${messages.length}_${ids++}` });
      messages.push(plan.sent);
      if (plan.inbox) messages.push(plan.inbox);
      if (plan.held) state.held.push(plan.held);
      return plan.sent;
    },
  };
}
