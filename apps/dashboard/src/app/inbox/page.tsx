import Link from "next/link";
import { z } from "zod";
import { Alert } from "@/components/alert";
import { MailProblem } from "@/components/mail-problem";
import { displayName, formatListDate } from "@/lib/format";
import { listMessages } from "@/lib/mail-api";
import { getSessionToken, requireSession } from "@/lib/session";

const searchParamsSchema = z.object({
  page_token: z.string().min(1).max(512).optional().catch(undefined),
});

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { page_token } = searchParamsSchema.parse(await searchParams);
  const session = await requireSession();
  const token = await getSessionToken();
  const result = token
    ? await listMessages(token.access_token, page_token)
    : ({ ok: false, problem: { kind: "unauthorized", description: undefined } } as const);
  const here = page_token ? `/inbox?page_token=${encodeURIComponent(page_token)}` : "/inbox";

  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-baseline justify-between gap-4">
        <h1 className="text-4xl font-bold tracking-tight">Inbox</h1>
        {result.ok ? (
          <p className="text-base text-slate-600">
            {result.data.result_size_estimate === 1 ? "1 message" : `About ${result.data.result_size_estimate} messages`}
          </p>
        ) : null}
      </div>

      {session.error ? (
        <Alert tone="warning" title="MailDash could not renew its access to LabMail.">
          <p>LabMail&apos;s token endpoint did not answer; MailDash will try again on your next click.</p>
        </Alert>
      ) : null}

      {!result.ok ? (
        <MailProblem problem={result.problem} callbackUrl={here} />
      ) : result.data.messages.length === 0 ? (
        <p className="rounded-2xl bg-white p-10 text-center text-xl text-slate-600 ring-1 ring-slate-200">
          {page_token ? "No older messages." : "Your inbox is empty."}
        </p>
      ) : (
        <ul
          aria-label="Messages"
          className="divide-y divide-slate-200 overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200"
        >
          {result.data.messages.map((m) => (
            <li key={m.id}>
              <Link
                href={`/inbox/${encodeURIComponent(m.id)}`}
                prefetch={false}
                className={`grid grid-cols-[1.25rem_14rem_1fr_auto] items-baseline gap-4 px-6 py-4 transition hover:bg-blue-50 ${m.unread ? "bg-white" : "bg-slate-50/60"}`}
              >
                <span className="self-center">
                  {m.unread ? (
                    <>
                      <span aria-hidden="true" className="block size-3 rounded-full bg-blue-600" />
                      <span className="sr-only">Unread</span>
                    </>
                  ) : null}
                </span>
                <span className={`truncate ${m.unread ? "font-bold text-slate-950" : "text-slate-700"}`}>{displayName(m.from)}</span>
                <span className="min-w-0 truncate">
                  <span className={m.unread ? "font-bold text-slate-950" : "font-medium text-slate-800"}>
                    {m.subject || "(no subject)"}
                  </span>
                  <span className="text-slate-500"> — {m.snippet}</span>
                </span>
                <time
                  dateTime={m.received_at}
                  className={`text-base whitespace-nowrap ${m.unread ? "font-bold text-slate-900" : "text-slate-600"}`}
                >
                  {formatListDate(m.received_at)}
                </time>
              </Link>
            </li>
          ))}
        </ul>
      )}

      {result.ok && (page_token || result.data.next_page_token) ? (
        <nav aria-label="Pagination" className="flex justify-between">
          {page_token ? (
            <Link href="/inbox" className="rounded-lg px-4 py-2 font-medium text-blue-800 hover:bg-blue-50">
              ← Newest
            </Link>
          ) : (
            <span />
          )}
          {result.data.next_page_token ? (
            <Link
              href={`/inbox?page_token=${encodeURIComponent(result.data.next_page_token)}`}
              className="rounded-lg bg-white px-4 py-2 font-medium text-blue-800 ring-1 ring-slate-300 hover:bg-blue-50"
            >
              Older →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
