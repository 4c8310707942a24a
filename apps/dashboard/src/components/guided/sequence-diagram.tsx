// The live sequence diagram: drawn in HTML (a grid of four lanes), so that it scales with the text in
// presenter mode and every arrow is an ordinary link.
import Link from "next/link";
import { arrowContext, type DiagramArrow, exchangeHref, isArrowOfStep, LANES, type LaneId } from "@/lib/guided/sequence-diagram";
import { type GuidedStepId, guidedPath } from "@/lib/guided/steps";
import type { Exchange } from "@/lib/guided/transcript";
import { HttpExchange } from "./http-exchange";
import { Panel } from "./panel";

const LANE_INDEX: Record<LaneId, number> = { browser: 0, dashboard: 1, "authorization-server": 2, "mail-api": 3 };

function stepTag(step: GuidedStepId): string {
  return step;
}

/** A horizontal arrow between two lane centres: the label above, the line and its head below. */
function Arrow({ arrow, href, current }: { arrow: DiagramArrow; href: string; current: boolean }) {
  const from = LANE_INDEX[arrow.from];
  const to = LANE_INDEX[arrow.to];
  const rightward = to > from;
  // Eight half-lane columns: lane i's centre is grid line 2i + 2.
  const gridColumn = `${2 * Math.min(from, to) + 2} / ${2 * Math.max(from, to) + 2}`;
  const color = arrow.failed ? "text-red-800" : arrow.channel === "front" ? "text-blue-800" : "text-violet-800";
  const line = `h-0 flex-1 border-t-[3px] ${arrow.implied ? "border-dashed" : "border-solid"} border-current`;
  const head = (
    <svg aria-hidden="true" viewBox="0 0 10 10" className="h-4 w-4 shrink-0 fill-current">
      <path d={rightward ? "M0 0 L10 5 L0 10 z" : "M10 0 L0 5 L10 10 z"} />
    </svg>
  );
  // The accessible name is the visible label with the hidden context around it (label-in-name).
  return (
    <a
      href={href}
      aria-current={current ? "step" : undefined}
      style={{ gridColumn }}
      className={`group flex flex-col rounded-lg px-1 pt-1 pb-1.5 ${color} ${current ? "bg-amber-100 ring-2 ring-amber-500" : "hover:bg-slate-100"}`}
    >
      {/* One line, centred: a label wider than its arrow may reach past the lanes (that row is otherwise empty). */}
      <span className="flex items-center justify-center gap-2 text-center text-base leading-tight font-semibold whitespace-nowrap text-slate-900 group-hover:underline">
        <span
          aria-hidden="true"
          className={`grid h-6 min-w-6 shrink-0 place-items-center rounded-full px-2 text-sm font-bold ${current ? "bg-amber-800 text-white" : "bg-slate-200 text-slate-800"}`}
        >
          {stepTag(arrow.step)}
        </span>
        <span className={`shrink-0 ${arrow.implied ? "italic" : ""}`}>
          <span className="sr-only">{arrowContext(arrow)} </span>
          {arrow.label}
        </span>
      </span>
      <span aria-hidden="true" className="mt-1 flex items-center">
        {rightward ? null : head}
        <span className={line} />
        {rightward ? head : null}
      </span>
    </a>
  );
}

/**
 * Every exchange of this flow so far, between Browser, MailDash's server, LabMail and the mail API;
 * the arrows of the current step highlighted. An arrow opens its exchange below the diagram.
 */
export function SequenceDiagram({
  arrows,
  transcript,
  step,
  presenter,
  selected,
  client,
}: {
  arrows: readonly DiagramArrow[];
  transcript: readonly Exchange[];
  step: GuidedStepId;
  presenter: boolean;
  selected: number | undefined;
  client: { client_id: string; client_secret: string };
}) {
  const here = guidedPath(step, presenter);
  const open = selected === undefined ? undefined : transcript[selected - 1];
  const openArrow = arrows.find((a) => a.exchange === selected && !a.implied);
  return (
    <Panel id="sequence" title="Sequence diagram" folded={presenter && open === undefined}>
      <p className="text-base text-slate-700">
        Every HTTP exchange of your flow so far, as it happened: <span className="font-semibold text-blue-800">blue</span> through your
        browser (front channel), <span className="font-semibold text-violet-800">violet</span> server to server (back channel), dashed when
        implied. This step&apos;s arrows are highlighted. Select an arrow to open its exchange.
      </p>
      <div className="relative overflow-x-auto">
        <div className="min-w-[44rem]">
          <ul aria-label="Lanes" className="grid grid-cols-4 gap-2">
            {LANES.map((lane) => (
              <li key={lane.id} className="rounded-lg bg-slate-800 px-2 py-2 text-center text-lg font-semibold text-white">
                {lane.name}
              </li>
            ))}
          </ul>
          <div className="relative pt-2 pb-3">
            {LANES.map((lane, i) => (
              <span
                key={lane.id}
                aria-hidden="true"
                className="absolute top-0 bottom-0 w-0.5 -translate-x-1/2 bg-slate-300"
                style={{ left: `${12.5 + 25 * i}%` }}
              />
            ))}
            {arrows.length === 0 ? (
              <p className="relative py-4 text-center text-lg text-slate-700">
                Nothing has crossed the wire yet: MailDash only prepared values (step 1).
              </p>
            ) : (
              <ol aria-label="Exchanges of this flow, in order" className="relative flex flex-col gap-1">
                {arrows.map((arrow, i) => (
                  <li key={`${arrow.exchange}-${i}`} className="grid grid-cols-8">
                    <Arrow arrow={arrow} href={exchangeHref(here, arrow.exchange)} current={isArrowOfStep(arrow, step)} />
                  </li>
                ))}
              </ol>
            )}
          </div>
        </div>
      </div>
      {open && selected !== undefined ? (
        <section
          id={`exchange-${selected}`}
          aria-labelledby={`exchange-${selected}-title`}
          className="flex scroll-mt-4 flex-col gap-3 rounded-xl bg-amber-50 p-5 ring-2 ring-amber-400"
        >
          <div className="flex flex-wrap items-baseline justify-between gap-3">
            <h3 id={`exchange-${selected}-title`} className="text-xl font-semibold">
              Exchange {selected}: {openArrow?.label ?? open.request.method}
            </h3>
            <Link href={`${here}#sequence`} className="text-base font-medium text-blue-800 underline">
              Close the exchange
            </Link>
          </div>
          <HttpExchange exchange={open} client={client} title={`Exchange ${selected}`} />
        </section>
      ) : null}
    </Panel>
  );
}
