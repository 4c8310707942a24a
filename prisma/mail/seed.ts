// Seeds the mail database with a realistic inbox per owner. Idempotent: message ids are
// deterministic (`msg_<owner>_<nn>`) and existing rows are skipped, so running it twice adds nothing.
import type { PrismaClient } from "../../packages/db/src/mail.ts";
import { inboxTemplates, type Persona, sentTemplates } from "./seed-data.ts";

export type MailboxOwner = { sub: string; name: string; email: string };

/** Template indexes each persona does not receive, so the two inboxes differ in content, not only in names. */
const SKIPPED: Record<Persona["variant"], readonly number[]> = { 0: [15, 19, 21], 1: [10, 16, 22] };

/** `alice@labmail.test` → `alice`: the readable part of the owner's message ids. */
function idPrefix(owner: MailboxOwner): string {
  const local =
    owner.email
      .split("@")[0]
      ?.toLowerCase()
      .replace(/[^a-z0-9]/g, "") ?? "";
  return local === "" ? owner.sub.replace(/[^A-Za-z0-9]/g, "").slice(0, 12) : local;
}

export async function seedMail(
  db: PrismaClient,
  owners: readonly { sub: string; name: string; email: string }[],
  /** Received times are spread over the three weeks before this moment. */
  now: Date = new Date(),
): Promise<void> {
  const base = new Date(now);
  base.setUTCSeconds(0, 0);
  const data = owners.flatMap((owner, ownerIndex) => {
    const variant: Persona["variant"] = ownerIndex % 2 === 0 ? 0 : 1;
    const persona: Persona = { first: owner.name.split(" ")[0] ?? owner.name, email: owner.email, variant };
    const pick = <T>(a: T, b: T): T => (variant === 0 ? a : b);
    const prefix = idPrefix(owner);
    const at = (hoursAgo: number, n: number) =>
      new Date(base.getTime() - (hoursAgo + variant * 2) * 3_600_000 - ((n * 37 + variant * 17) % 60) * 60_000);

    const inbox = inboxTemplates
      .filter((_, i) => !SKIPPED[variant].includes(i))
      .map((template, i) => {
        const m = template(persona, pick);
        const n = i + 1;
        return {
          id: `msg_${prefix}_${String(n).padStart(2, "0")}`,
          ownerSub: owner.sub,
          fromName: m.fromName,
          fromAddress: m.fromAddress,
          toAddress: owner.email,
          subject: m.subject,
          body: m.body,
          receivedAt: at(m.hoursAgo, n),
          unread: m.unread,
          folder: "inbox",
        };
      });
    const sent = sentTemplates.map((template, i) => {
      const m = template(persona, pick);
      const n = inbox.length + i + 1;
      return {
        id: `msg_${prefix}_${String(n).padStart(2, "0")}`,
        ownerSub: owner.sub,
        fromName: owner.name,
        fromAddress: owner.email,
        toAddress: m.to,
        subject: m.subject,
        body: m.body,
        receivedAt: at(m.hoursAgo, n),
        unread: false,
        folder: "sent",
      };
    });
    return [...inbox, ...sent];
  });
  // Each owner's mailbox, by address: mail between the demo users is delivered from the start.
  const mailboxes = owners.map((owner) => ({ ownerSub: owner.sub, address: owner.email.toLowerCase(), name: owner.name }));
  await db.mailbox.createMany({ data: mailboxes, skipDuplicates: true });
  await db.message.createMany({ data, skipDuplicates: true });
}
