import Link from "next/link";
import { notFound } from "next/navigation";
import { MailProblem } from "@/components/mail-problem";
import { formatFullDate, fullAddress, paragraphs } from "@/lib/format";
import { getMessage } from "@/lib/mail-api";
import { getSessionToken, requireSession } from "@/lib/session";

export default async function MessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireSession();
  const token = await getSessionToken();
  const result = token
    ? await getMessage(token.access_token, id)
    : ({ ok: false, problem: { kind: "unauthorized", description: undefined } } as const);
  if (!result.ok && result.problem.kind === "not_found") notFound();

  return (
    <div className="flex flex-col gap-6">
      <BackToInbox />
      {!result.ok ? (
        <MailProblem problem={result.problem} callbackUrl={`/inbox/${encodeURIComponent(id)}`} />
      ) : (
        <article aria-labelledby="subject" className="rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
          <h1 id="subject" className="text-3xl font-bold tracking-tight">
            {result.data.subject || "(no subject)"}
          </h1>
          <dl className="mt-4 grid grid-cols-[5rem_1fr] gap-x-4 gap-y-1 text-base">
            <dt className="text-slate-500">From</dt>
            <dd className="font-medium">{fullAddress(result.data.from)}</dd>
            <dt className="text-slate-500">To</dt>
            <dd>{result.data.to.map(fullAddress).join(", ")}</dd>
            <dt className="text-slate-500">Date</dt>
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
        </article>
      )}
    </div>
  );
}

function BackToInbox() {
  return (
    <Link href="/inbox" className="self-start rounded-lg px-3 py-2 font-medium text-blue-800 hover:bg-blue-50">
      ← Back to inbox
    </Link>
  );
}
