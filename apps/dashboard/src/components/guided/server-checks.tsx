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
export function ServerChecks({ events, sources, waitingFor }: { events: readonly TraceEvent[]; sources: { authorizationServer: TraceSource; mailApi: TraceSource }; waitingFor?: string | undefined }) {
  const notes = [sourceNote(sources.authorizationServer, ACTOR_NAME["authorization-server"]), sourceNote(sources.mailApi, ACTOR_NAME["mail-api"])].filter(
    (n): n is string => n !== undefined,
  );
  const byEndpoint = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${ACTOR_NAME[e.actor]} — ${e.endpoint}`;
    byEndpoint.set(key, [...(byEndpoint.get(key) ?? []), e]);
  }
  return (
    <Panel id="server-checks" title="What the servers checked" tone="server">
      {byEndpoint.size === 0 ? (
        <p className="text-lg text-slate-700">{waitingFor ?? "No server-side checks recorded for this step yet."}</p>
      ) : (
        [...byEndpoint.entries()].map(([key, list]) => (
          <div key={key} className="flex flex-col gap-2">
            <h3 className="text-lg font-semibold text-violet-900">{key}</h3>
            <CheckList items={list} label={key} />
          </div>
        ))
      )}
      {notes.map((note) => (
        <p key={note} className="text-base text-slate-700">
          {note}
        </p>
      ))}
    </Panel>
  );
}
