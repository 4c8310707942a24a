import { MAIL_FOLDERS, MAIL_SEARCH_MAX_LENGTH, type MailFolder } from "@oauth-flow-lab/lab";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Alert } from "@/components/alert";
import { MailProblem } from "@/components/mail-problem";
import { ScopeBadge } from "@/components/scope-badge";
import { displayName, formatListDate } from "@/lib/format";
import { listMessages } from "@/lib/mail-api";
import { type ListPosition, listHref, newerPosition, olderPosition, trailSchema } from "@/lib/mail-list-position";
import { READ_SCOPE, tokenHas } from "@/lib/mail-scopes";
import { getSessionToken, requireSession } from "@/lib/session";

export const metadata: Metadata = { title: "Inbox · MailDash" };

const searchParamsSchema = z.object({
  folder: z.enum(MAIL_FOLDERS).catch("inbox"),
  q: z
    .string()
    .max(MAIL_SEARCH_MAX_LENGTH)
    .transform((v) => v.trim() || undefined)
    .optional()
    .catch(undefined),
  page_token: z.string().min(1).max(512).optional().catch(undefined),
  trail: trailSchema,
  marked: z.enum(["unread"]).optional().catch(undefined),
});

const FOLDER_TITLES: Record<MailFolder, string> = { inbox: "Inbox", sent: "Sent" };

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { folder, q, page_token, trail, marked } = searchParamsSchema.parse(await searchParams);
  const session = await requireSession();
  const token = await getSessionToken();
  const result = token
    ? await listMessages(token.access_token, { folder, q, page_token })
    : ({ ok: false, problem: { kind: "unauthorized", description: undefined } } as const);
  const position: ListPosition = { folder, q, page_token, trail };
  const here = listHref(position);
  const newer = newerPosition(position);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <div className="flex items-baseline gap-3">
          <h1 className="text-4xl font-bold tracking-tight">{FOLDER_TITLES[folder]}</h1>
          <ScopeBadge scope={READ_SCOPE} granted={tokenHas(token?.scope, READ_SCOPE)} />
        </div>
        {result.ok ? (
          <p className="text-base text-slate-600">
            {result.data.result_size_estimate === 1 ? "1 message" : `About ${result.data.result_size_estimate} messages`}
          </p>
        ) : null}
      </div>

      <div className="flex flex-wrap items-center justify-between gap-4">
        <nav aria-label="Folders" className="flex gap-2">
          {MAIL_FOLDERS.map((f) => (
            <Link
              key={f}
              href={listHref({ folder: f })}
              aria-current={f === folder ? "page" : undefined}
              className={`rounded-lg px-4 py-2 font-medium ${f === folder ? "bg-blue-800 text-white" : "text-blue-800 ring-1 ring-slate-300 hover:bg-blue-50"}`}
            >
              {FOLDER_TITLES[f]}
            </Link>
          ))}
        </nav>
        <search>
          <form action="/inbox" method="get" className="flex items-center gap-2">
            <input type="hidden" name="folder" value={folder} />
            <label htmlFor="q" className="font-medium">
              Search
            </label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={q ?? ""}
              maxLength={MAIL_SEARCH_MAX_LENGTH}
              placeholder="Sender or subject"
              className="w-64 rounded-lg border border-slate-400 px-3 py-2 focus:border-blue-600 focus:outline-none focus:ring-4 focus:ring-blue-100"
            />
            <button type="submit" className="rounded-lg bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800">
              Search
            </button>
          </form>
        </search>
      </div>

      {q ? (
        <p className="text-lg">
          Messages in {FOLDER_TITLES[folder]} whose sender or subject contains “<strong>{q}</strong>”.{" "}
          <Link href={listHref({ folder })} className="font-medium text-blue-800 underline">
            Clear search
          </Link>
        </p>
      ) : null}

      {marked === "unread" ? <Alert tone="info" title="Marked as unread." /> : null}
      {session.error ? (
        <Alert tone="warning" title="MailDash could not renew its access to LabMail.">
          <p>LabMail&apos;s token endpoint did not answer; MailDash will try again on your next click.</p>
        </Alert>
      ) : null}

      {!result.ok ? (
        <>
          <MailProblem problem={result.problem} callbackUrl={here} />
          {page_token ? (
            <Link href={listHref({ folder, q })} className="self-start font-medium text-blue-800 underline">
              Back to the newest messages
            </Link>
          ) : null}
        </>
      ) : result.data.messages.length === 0 ? (
        <p className="rounded-2xl bg-white p-10 text-center text-xl text-slate-600 ring-1 ring-slate-200">
          {page_token
            ? "No older messages."
            : q
              ? `No messages in ${FOLDER_TITLES[folder]} match “${q}”.`
              : folder === "sent"
                ? "You have not sent anything yet."
                : "Your inbox is empty."}
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
                <span className={`truncate ${m.unread ? "font-bold text-slate-950" : "text-slate-700"}`}>
                  {folder === "sent" ? `To: ${m.to.map(displayName).join(", ")}` : displayName(m.from)}
                </span>
                <span className="min-w-0 truncate">
                  <span className={m.unread ? "font-bold text-slate-950" : "font-medium text-slate-800"}>
                    {m.subject || "(no subject)"}
                  </span>
                  <span className="text-slate-600"> — {m.snippet}</span>
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

      {result.ok && (newer || result.data.next_page_token) ? (
        <nav aria-label="Pagination" className="flex justify-between">
          {newer ? (
            <Link href={listHref(newer)} className="rounded-lg px-4 py-2 font-medium text-blue-800 hover:bg-blue-50">
              ← Newer
            </Link>
          ) : (
            <span />
          )}
          {result.data.next_page_token ? (
            <Link
              href={listHref(olderPosition(position, result.data.next_page_token))}
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
