import type { TraceEvent } from "@oauth-flow-lab/oauth";
import type { TraceSource } from "@/lib/guided/trace";
import { CheckList } from "./check-list";
import { Panel } from "./panel";

const ACTOR_NAME = { "authorization-server": "LabMail (authorization server)", "mail-api": "Mail API (resource server)" } as const;

function sourceNote(source: TraceSource, name: string): string | undefined {
  if (source.kind === "off") return `${name}: server-side trace is off.`;
  if (source.kind === "none") return `${name}: this flow has no server-side trace (it could not be opened when the flow started).`;
  if (source.kind === "unavailable") return `${name}: trace unavailable (${source.detail}).`;
  return undefined;
}

/** The server-side view of a step: what LabMail and the mail API checked, from their trace side channel. */
export function ServerChecks({
  events,
  sources,
  waitingFor,
  presenter = false,
}: {
  events: readonly TraceEvent[];
  sources: { authorizationServer: TraceSource; mailApi: TraceSource };
  waitingFor?: string | undefined;
  /** Presenter mode: one verdict line per endpoint, its checks folded under it. */
  presenter?: boolean;
}) {
  const notes = [
    sourceNote(sources.authorizationServer, ACTOR_NAME["authorization-server"]),
    sourceNote(sources.mailApi, ACTOR_NAME["mail-api"]),
  ].filter((n): n is string => n !== undefined);
  const byEndpoint = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${ACTOR_NAME[e.actor]} — ${e.endpoint}`;
    byEndpoint.set(key, [...(byEndpoint.get(key) ?? []), e]);
  }
  return (
    <Panel id="server-checks" title="What the servers checked" tone="server" compact={presenter}>
      {byEndpoint.size === 0 ? (
        <p className="text-lg text-slate-700">{waitingFor ?? "No server-side checks recorded for this step yet."}</p>
      ) : (
        [...byEndpoint.entries()].map(([key, list]) => {
          const failed = list.filter((e) => !e.ok).length;
          const verdict =
            failed === 0 ? `${list.length} check${list.length === 1 ? "" : "s"}, all passed` : `${failed} of ${list.length} checks failed`;
          return presenter ? (
            <details key={key} className="rounded-lg bg-white">
              <summary className="cursor-pointer text-lg">
                <h3 className="inline font-semibold text-violet-900">{key}</h3>:{" "}
                <span className={`font-semibold ${failed === 0 ? "text-green-900" : "text-red-900"}`}>
                  <span aria-hidden="true">{failed === 0 ? "✓ " : "✗ "}</span>
                  {verdict}
                </span>
              </summary>
              <div className="mt-2">
                <CheckList items={list} label={key} compact />
              </div>
            </details>
          ) : (
            <div key={key} className="flex flex-col gap-2">
              <h3 className="text-lg font-semibold text-violet-900">{key}</h3>
              <CheckList items={list} label={key} />
            </div>
          );
        })
      )}
      {notes.map((note) => (
        <p key={note} className="text-base text-slate-700">
          {note}
        </p>
      ))}
    </Panel>
  );
}
