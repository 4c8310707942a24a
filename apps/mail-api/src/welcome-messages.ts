// The welcome messages a new mailbox starts with. The mail API writes them itself, the first time a
// verified access token names an owner (`sub`) it has no message for: accounts are created at the AS,
// which never writes the mail database (each database belongs to one server).
import { createHash } from "node:crypto";
import type { Prisma } from "@oauth-flow-lab/db/mail";
import { MAIL_DOMAIN } from "@oauth-flow-lab/lab";

const paragraphs = (...lines: string[]): string => lines.join("\n\n");

/**
 * The welcome messages for the owner of a new mailbox, sent to its address and received just before
 * `now`. Their ids are derived from the owner, so that creating them twice (two first requests at once)
 * creates them once.
 */
export function welcomeMessages({ ownerSub, address }: { ownerSub: string; address: string }, now: Date): Prisma.MessageCreateManyInput[] {
  const owner = createHash("sha256").update(ownerSub, "utf8").digest("base64url");
  const toAddress = address;
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
  const messages = [
    {
      fromName: "LabMail Team",
      fromAddress: `welcome@${MAIL_DOMAIN}`,
      subject: "Welcome to LabMail",
      body: paragraphs(
        "Hello, and welcome!",
        "Your LabMail mailbox is ready. Applications you allow, such as MailDash, can read your mail through the LabMail API, but they never see your password: you type it only at LabMail itself.",
        "The LabMail Team",
      ),
      minutesAgo: 0,
    },
    {
      fromName: "LabMail Team",
      fromAddress: `welcome@${MAIL_DOMAIN}`,
      subject: "Which apps can read your mail?",
      body: paragraphs(
        "Every app you allow appears under “Connected apps” on your LabMail account page, with what it may do, when you allowed it and when it last used that access.",
        "Revoke an app there and its tokens stop working within seconds.",
        "The LabMail Team",
      ),
      minutesAgo: 1,
    },
    {
      fromName: "LabMail Security",
      fromAddress: `security@${MAIL_DOMAIN}`,
      subject: "Signing out on a shared computer",
      body: paragraphs(
        "On a shared computer, sign out of LabMail when you are done: open your account page at LabMail and choose “Sign out”.",
        "We will never ask for your password by email.",
        "LabMail Security",
      ),
      minutesAgo: 2,
    },
  ];
  return messages.map(({ minutesAgo, ...message }, index) => ({
    id: `msg_welcome${index + 1}_${owner}`,
    ownerSub,
    toAddress,
    receivedAt: at(minutesAgo),
    unread: true,
    folder: "inbox",
    ...message,
  }));
}
