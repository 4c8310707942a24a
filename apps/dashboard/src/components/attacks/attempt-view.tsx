import type { AttemptRecord } from "@/lib/attacks/types";
import { SideView } from "./side-view";
import { RealVerdictBadge, TwinVerdictBadge } from "./verdict-badge";

/**
 * One attack attempt: what it changes, the real servers' side and the naive twin's, each with its
 * verdict, then what the runner watched afterwards. Folded to one summary line unless `open`.
 */
export function AttemptView({
  attempt,
  presenter,
  client_id,
  open,
  twinName,
}: {
  attempt: AttemptRecord;
  presenter: boolean;
  client_id: string;
  open: boolean;
  twinName: string | undefined;
}) {
  return (
    <details
      open={open}
      className={`group rounded-xl bg-slate-50 ring-1 ring-slate-300 ${presenter ? "px-3 py-2" : "px-5 py-3"}`}
      data-attempt={attempt.id}
    >
      <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1">
        <h3 className={presenter ? "text-lg font-semibold" : "text-xl font-semibold"}>{attempt.label}</h3>
        <span className="text-base text-slate-800">Real:</span>
        <RealVerdictBadge verdict={attempt.real.verdict} />
        {attempt.naive ? (
          <>
            <span className="text-base text-slate-800">Twin:</span>
            <TwinVerdictBadge verdict={attempt.naive.verdict} />
          </>
        ) : null}
      </summary>
      <div className={`flex flex-col ${presenter ? "mt-2 gap-2" : "mt-3 gap-4"}`}>
        <p className={presenter ? "text-base" : "text-lg"}>{attempt.what}</p>
        <p className="text-base text-slate-800">
          Expected to refuse it:{" "}
          {attempt.expected_checks.map((c, i) => (
            <span key={c}>
              {i > 0 ? " or " : ""}
              <code className="font-mono font-semibold">{c}</code>
            </span>
          ))}
        </p>
        <SideView
          heading="Real servers"
          record={attempt.real}
          badge={<RealVerdictBadge verdict={attempt.real.verdict} />}
          presenter={presenter}
          client_id={client_id}
          traced
          foldExchanges={presenter}
        />
        {attempt.naive ? (
          <SideView
            heading={twinName ?? "Naive twin"}
            record={attempt.naive}
            badge={<TwinVerdictBadge verdict={attempt.naive.verdict} />}
            presenter={presenter}
            client_id={client_id}
            traced={false}
            foldExchanges={presenter}
          />
        ) : null}
        {attempt.observations.map((o) => (
          <div
            key={o.label}
            className={`flex flex-col gap-1 rounded-xl px-4 py-3 ring-1 ${o.seen ? "bg-green-50 ring-green-300" : "bg-amber-50 ring-amber-300"}`}
          >
            <p className="text-lg font-semibold">
              <span aria-hidden="true">{o.seen ? "✓ " : "! "}</span>
              {o.label}
            </p>
            <p className="text-base">
              <span className="font-semibold">Expected:</span> {o.expected}
            </p>
            <p className="text-base" data-observation-seen={o.seen ? "yes" : "no"}>
              <span className="font-semibold">Seen:</span> {o.detail}
            </p>
            {o.record.exchanges.length > 0 ? (
              <SideView heading={o.label} record={o.record} badge={null} presenter={presenter} client_id={client_id} traced foldExchanges />
            ) : null}
          </div>
        ))}
      </div>
    </details>
  );
}
