import { CheckList } from "@/components/guided/check-list";
import { HttpExchange } from "@/components/guided/http-exchange";
import type { ServerAnswer, SideRecord } from "@/lib/attacks/types";

/** "HTTP 401 invalid_token: the access token is not valid", or what happened instead. */
export function answerLine(answer: ServerAnswer): string {
  switch (answer.kind) {
    case "accepted":
      return `HTTP ${answer.status}: ${answer.summary}`;
    case "refused":
      return `HTTP ${answer.status}${answer.error ? ` ${answer.error}` : ""}${answer.error_description ? `: ${answer.error_description}` : ""}`;
    case "missing":
      return `HTTP ${answer.status}: not there`;
    case "no-answer":
      return `no answer: ${answer.detail}`;
  }
}

function exchangeTitle(index: number, exchange: SideRecord["exchanges"][number]): string {
  const url = new URL(exchange.request.url);
  return `${index + 1}. ${exchange.request.method} ${url.host}${url.pathname}`;
}

/**
 * One side of an attempt (the real servers, or the naive twin): the answer, the checks the servers'
 * trace recorded, and the live exchanges as the recording fetch captured them (secrets already masked).
 */
export function SideView({
  heading,
  record,
  badge,
  presenter,
  client_id,
  traced,
  foldExchanges,
}: {
  heading: string;
  record: SideRecord;
  badge: React.ReactNode;
  presenter: boolean;
  client_id: string;
  /** The real side reads the servers' trace; the twin has none. */
  traced: boolean;
  foldExchanges: boolean;
}) {
  const exchanges = record.exchanges.map((exchange, i) => (
    <HttpExchange
      key={`${exchange.at}-${i}`}
      exchange={exchange}
      // Exchanges are stored masked: no secret is handed to the view, even the guided client's.
      client={{ client_id, client_secret: "••••••••" }}
      title={`${heading}, ${exchangeTitle(i, exchange)}`}
      focus={presenter ? "response" : undefined}
    />
  ));
  return (
    <div className={`flex min-w-0 flex-col rounded-xl bg-white ring-1 ring-slate-200 ${presenter ? "gap-2 p-3" : "gap-3 p-5"}`}>
      <div className="flex flex-wrap items-center gap-3">
        <h4 className={presenter ? "text-lg font-semibold" : "text-xl font-semibold"}>{heading}</h4>
        {badge}
      </div>
      <p className={`font-mono break-all text-slate-900 ${presenter ? "text-base" : "text-lg"}`}>{answerLine(record.answer)}</p>
      {traced ? (
        record.events.length > 0 ? (
          <CheckList
            items={record.events.map((e) => ({ check: `${e.id}: ${e.check}`, ok: e.ok, detail: e.detail, rfc: e.rfc, cached: e.cached }))}
            label={`${heading}: what the server checked (from its trace)`}
            compact={presenter}
          />
        ) : (
          <p className="text-base text-slate-800">The servers&apos; trace recorded no check for these requests.</p>
        )
      ) : null}
      {exchanges.length === 0 ? null : foldExchanges ? (
        <details className="rounded-lg bg-slate-50 px-4 py-1.5 ring-1 ring-slate-200">
          <summary className="cursor-pointer text-base font-semibold text-slate-800">
            The live exchange{exchanges.length === 1 ? "" : "s"} ({exchanges.length})
          </summary>
          <div className="mt-2 flex flex-col gap-3">{exchanges}</div>
        </details>
      ) : (
        <div className="flex flex-col gap-3">{exchanges}</div>
      )}
    </div>
  );
}
