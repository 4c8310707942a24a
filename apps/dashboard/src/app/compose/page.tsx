import { MAIL_DOMAIN } from "@oauth-flow-lab/lab";
import { hasScopes } from "@oauth-flow-lab/oauth";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Alert } from "@/components/alert";
import { AskForScopeButton } from "@/components/ask-for-scope-button";
import { ScopeBadge } from "@/components/scope-badge";
import { COMPOSE_SCOPE, SEND_SCOPE } from "@/lib/oauth/scopes";
import { getSessionToken, requireSession } from "@/lib/session";

export const metadata: Metadata = { title: "Compose · MailDash" };

const searchParamsSchema = z.object({
  /** The sent message's id (the mail API keeps a copy in the sender's "sent" folder). */
  sent: z
    .string()
    .regex(/^msg_[\w-]{1,64}$/)
    .optional()
    .catch(undefined),
  error: z.enum(["invalid", "unauthorized", "forbidden", "not_found", "unavailable"]).optional().catch(undefined),
});

const ERRORS: Record<NonNullable<z.infer<typeof searchParamsSchema>["error"]>, string> = {
  invalid: "Fill in a valid address, a one-line subject and a message.",
  unauthorized: "LabMail no longer accepts MailDash's access token. Sign in again.",
  forbidden: "LabMail did not allow MailDash to send mail.",
  not_found: "The mail API did not find the mailbox.",
  unavailable: "The mail API did not accept the message. Try again.",
};

const field =
  "w-full rounded-lg border border-slate-300 px-4 py-2.5 text-lg focus:border-blue-600 focus:outline-none focus:ring-4 focus:ring-blue-100";

/** Compose: needs mail.send, which MailDash asks for only now (incremental consent). */
export default async function ComposePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { sent, error } = searchParamsSchema.parse(await searchParams);
  await requireSession();
  const token = await getSessionToken();
  const canSend = token?.scope !== undefined && hasScopes(token.scope, [SEND_SCOPE]);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-baseline justify-between gap-4">
        <div className="flex items-baseline gap-3">
          <h1 className="text-4xl font-bold tracking-tight">Compose</h1>
          <ScopeBadge scope={SEND_SCOPE} granted={canSend} />
        </div>
        <Link href="/inbox" className="rounded-lg px-4 py-2 font-medium text-blue-800 hover:bg-blue-50">
          ← Inbox
        </Link>
      </div>
      {sent ? (
        <Alert tone="info" title="Message sent.">
          <p>
            A copy is in your{" "}
            <Link href="/inbox?folder=sent" className="font-medium underline">
              Sent
            </Link>{" "}
            folder; a LabMail recipient finds it in their inbox.
          </p>
        </Alert>
      ) : null}
      {error ? <Alert tone="error" title={ERRORS[error]} /> : null}
      {canSend ? (
        <form method="post" action="/compose/send" className="flex flex-col gap-4 rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
          <div>
            <label htmlFor="to" className="mb-1 block font-semibold">
              To
            </label>
            <input id="to" name="to" type="email" required maxLength={254} aria-describedby="to-hint" className={field} />
            <p id="to-hint" className="mt-1 text-base text-slate-600">
              A LabMail address (name@{MAIL_DOMAIN}) delivers to that user&apos;s inbox; other addresses are only kept in Sent.
            </p>
          </div>
          <div>
            <label htmlFor="subject" className="mb-1 block font-semibold">
              Subject
            </label>
            <input id="subject" name="subject" required maxLength={200} className={field} />
          </div>
          <div>
            <label htmlFor="body" className="mb-1 block font-semibold">
              Message
            </label>
            <textarea id="body" name="body" required rows={8} maxLength={10_000} className={field} />
          </div>
          <button type="submit" className="self-end rounded-lg bg-blue-700 px-6 py-2.5 text-lg font-semibold text-white hover:bg-blue-800">
            Send
          </button>
        </form>
      ) : (
        <Alert tone="info" title="MailDash may read your mail, but not send it yet.">
          <p>
            To send, LabMail will ask you once to allow MailDash to send mail as you (<code>{SEND_SCOPE}</code>). What you allowed before
            stays as it is.
          </p>
          <div className="mt-4">
            <AskForScopeButton scope={COMPOSE_SCOPE} callbackUrl="/compose" label="Allow sending with LabMail" />
          </div>
        </Alert>
      )}
    </div>
  );
}
