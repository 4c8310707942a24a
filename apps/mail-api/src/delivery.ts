// Where a sent message goes, decided once for both mailboxes (the Prisma one and the in-memory one of
// the unit tests): a copy in the sender's "sent" folder always; for a LabMail address, a copy in the
// recipient's inbox, or held for that address until its owner first uses the mail API.
import { isLabMailAddress } from "@oauth-flow-lab/lab";

/** A mailbox as the mail API knows it: its owner at the AS, their address and display name. */
export type MailboxRecord = { ownerSub: string; address: string; name: string };

export type Draft = { to: string; subject: string; body: string };

/** A message as stored, without the fields that depend on where it is filed. */
export type Envelope = {
  id: string;
  fromName: string;
  fromAddress: string;
  toAddress: string;
  subject: string;
  body: string;
  receivedAt: Date;
};

export type DeliveryPlan = {
  /** The sender's copy, filed in their "sent" folder, read. */
  sent: Envelope & { ownerSub: string; folder: "sent"; unread: false };
  /** The recipient's copy, unread in their inbox, when the address has a mailbox here. */
  inbox?: Envelope & { ownerSub: string; folder: "inbox"; unread: true };
  /** The copy kept for a LabMail address with no mailbox yet (claimed at its owner's first request). */
  held?: Envelope & { recipientAddress: string };
};

/** Addresses are compared and stored lower-cased: `Bob@LabMail.test` is Bob's mailbox. */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** The display name of a mailbox first seen by its address: the address's local part. */
export function defaultDisplayName(address: string): string {
  return address.split("@")[0] || address;
}

/**
 * Plans the delivery of `draft` from `sender`. `recipient` is the mailbox found for the draft's address,
 * if any. `newId` makes one fresh message id per call.
 */
export function planDelivery(args: {
  sender: MailboxRecord;
  draft: Draft;
  recipient: MailboxRecord | undefined;
  now: Date;
  newId: () => string;
}): DeliveryPlan {
  const { sender, draft, recipient, now, newId } = args;
  const to = normalizeAddress(draft.to);
  const envelope = (): Envelope => ({
    id: newId(),
    fromName: sender.name,
    fromAddress: sender.address,
    toAddress: to,
    subject: draft.subject,
    body: draft.body,
    receivedAt: now,
  });
  const plan: DeliveryPlan = { sent: { ...envelope(), ownerSub: sender.ownerSub, folder: "sent", unread: false } };
  if (!isLabMailAddress(to)) return plan; // the lab has no outgoing mail: only the sent copy exists
  if (recipient) plan.inbox = { ...envelope(), ownerSub: recipient.ownerSub, folder: "inbox", unread: true };
  else plan.held = { ...envelope(), recipientAddress: to };
  return plan;
}
