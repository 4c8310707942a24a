import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/alert";
import { AskForScopeButton } from "@/components/ask-for-scope-button";
import { MailProblem } from "@/components/mail-problem";
import { ScopeBadge } from "@/components/scope-badge";
import { formatFullDate, fullAddress, paragraphs } from "@/lib/format";
import { getMessage, type MailApiResult, type Message, setUnread } from "@/lib/mail-api";
import { listHref } from "@/lib/mail-list-position";
import { MODIFY_SCOPE, READ_SCOPE, scopeAdding, scopeTitle, tokenHas } from "@/lib/mail-scopes";
import { getSessionToken, requireSession } from "@/lib/session";

export const metadata: Metadata = { title: "Message · MailDash" };

/**
 * One message. Opening an unread one marks it read, when the token carries mail.modify (PATCH
 * /v1/messages/{id}); without it the message stays unread and MailDash offers to ask for that scope.
 */
export default async function MessagePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const failed = (await searchParams).error === "modify";
  await requireSession();
  const token = await getSessionToken();
  const canModify = tokenHas(token?.scope, MODIFY_SCOPE);
  let result: MailApiResult<Message> = token
    ? await getMessage(token.access_token, id)
    : { ok: false, problem: { kind: "unauthorized", description: undefined } };
  if (!result.ok && result.problem.kind === "not_found") notFound();
  let markedRead = false;
  if (token && canModify && result.ok && result.data.unread && !failed) {
    const marked = await setUnread(token.access_token, id, false);
    // If marking fails, the message still shows (as unread): reading does not depend on mail.modify.
    if (marked.ok) {
      result = marked;
      markedRead = true;
    }
  }
  const here = `/inbox/${encodeURIComponent(id)}`;

  return (
    <div className="flex flex-col gap-6">
      <Link
        href={listHref({ folder: result.ok ? result.data.folder : "inbox" })}
        className="self-start rounded-lg px-3 py-2 font-medium text-blue-800 hover:bg-blue-50"
      >
        ← Back to {result.ok && result.data.folder === "sent" ? "sent mail" : "inbox"}
      </Link>
      {failed ? <Alert tone="error" title="LabMail's mail API did not change the message. Try again." /> : null}
      {!result.ok ? (
        <MailProblem problem={result.problem} callbackUrl={here} />
      ) : (
        <article aria-labelledby="subject" className="rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
          <div className="flex flex-wrap items-start justify-between gap-4">
            <h1 id="subject" className="text-3xl font-bold tracking-tight">
              {result.data.subject || "(no subject)"}
            </h1>
            <p className="flex items-center gap-2">
              <ScopeBadge scope={READ_SCOPE} granted={tokenHas(token?.scope, READ_SCOPE)} />
              <span
                className={`rounded-full px-3 py-0.5 text-base font-semibold ${result.data.unread ? "bg-blue-100 text-blue-900" : "bg-slate-100 text-slate-700"}`}
              >
                {result.data.unread ? "Unread" : "Read"}
              </span>
            </p>
          </div>
          <dl className="mt-4 grid grid-cols-[5rem_1fr] gap-x-4 gap-y-1 text-base">
            <dt className="text-slate-600">From</dt>
            <dd className="font-medium">{fullAddress(result.data.from)}</dd>
            <dt className="text-slate-600">To</dt>
            <dd>{result.data.to.map(fullAddress).join(", ")}</dd>
            <dt className="text-slate-600">Date</dt>
            <dd>
              <time dateTime={result.data.received_at}>{formatFullDate(result.data.received_at)}</time>
            </dd>
          </dl>
          <div className="mt-6 flex flex-col gap-4 border-t border-slate-200 pt-6 text-lg leading-relaxed">
            {paragraphs(result.data.body).map((p, i) => (
              <p key={i} className="whitespace-pre-line">
                {p}
              </p>
            ))}
          </div>
          <section aria-label="Message actions" className="mt-8 flex flex-wrap items-center gap-3 border-t border-slate-200 pt-6">
            {canModify ? (
              <form method="post" action={`${here}/mark`} className="flex items-center gap-3">
                <input type="hidden" name="unread" value={result.data.unread ? "false" : "true"} />
                <button type="submit" className="rounded-lg px-4 py-2 font-medium text-blue-800 ring-1 ring-slate-300 hover:bg-blue-50">
                  {result.data.unread ? "Mark as read" : "Mark as unread"}
                </button>
              </form>
            ) : (
              <AskForScopeButton
                scope={scopeAdding(token?.scope, MODIFY_SCOPE)}
                callbackUrl={here}
                label="Allow marking messages read or unread"
              />
            )}
            <ScopeBadge scope={MODIFY_SCOPE} granted={canModify} />
            {markedRead ? <span className="text-base text-slate-600">Opened: marked as read.</span> : null}
            {!canModify ? (
              <span className="text-base text-slate-600">
                LabMail will ask you once to allow “{scopeTitle(MODIFY_SCOPE)}” ({MODIFY_SCOPE}).
              </span>
            ) : null}
          </section>
        </article>
      )}
    </div>
  );
}
