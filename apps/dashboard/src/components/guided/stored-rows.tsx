// "What LabMail stored" and "What the mail API keeps": the servers' own state behind a step, read-only,
// as stored (hashes stay hashes). Each view sits next to one sentence saying why it is stored that way,
// with the RFC section. The page fetches (lib/guided/stored-rows.ts); these only render.
import { describeDuration, LIFETIMES } from "@oauth-flow-lab/lab";
import type { ReactNode } from "react";
import type { GuidedStepId } from "@/lib/guided/steps";
import { rfcHref } from "@/lib/guided/steps";
import type { MailApiState, StoredRows, StoredSource } from "@/lib/guided/stored-rows";
import { ClaimTime } from "./claim-time";
import { Panel } from "./panel";

type ViewId = "interaction" | "code" | "grant" | "refresh" | "access";

/** The views each step is about, first; the others fold under them. */
const FOCUS: Partial<Record<GuidedStepId, readonly ViewId[]>> = {
  "3": ["interaction", "code", "grant"],
  "4": ["code", "grant", "refresh", "access"],
  "5": ["refresh", "access", "grant"],
  refresh: ["refresh", "access"],
  revoke: ["grant", "refresh", "access"],
};
const ALL_VIEWS: readonly ViewId[] = ["interaction", "code", "grant", "refresh", "access"];

/** Steps that show the AS's rows. */
export function showsStoredRows(step: GuidedStepId): boolean {
  return FOCUS[step] !== undefined;
}

function Rfc({ reference }: { reference: string }) {
  const href = rfcHref(reference);
  return href ? (
    <a href={href} className="whitespace-nowrap text-blue-800 underline">
      {reference}
    </a>
  ) : (
    <span className="whitespace-nowrap">{reference}</span>
  );
}

/** The one sentence of why, then its RFC sections. */
function Why({ children, rfcs }: { children: ReactNode; rfcs: readonly string[] }) {
  return (
    <p className="text-base text-slate-800">
      <span className="font-semibold">Why: </span>
      {children}{" "}
      {rfcs.map((r, i) => (
        <span key={r}>
          {i > 0 ? " / " : ""}
          <Rfc reference={r} />
        </span>
      ))}
    </p>
  );
}

/** A stored timestamp: null stays null (with what that means), a time gets its readable form. */
function Stamp({ value, nowMs, whenNull }: { value: string | null; nowMs: number; whenNull: string }) {
  if (value === null) {
    return (
      <span>
        <code className="font-mono">null</code> <span className="text-slate-700">({whenNull})</span>
      </span>
    );
  }
  return <ClaimTime epoch={Math.floor(Date.parse(value) / 1000)} nowMs={nowMs} short />;
}

function Hash({ value }: { value: string }) {
  return <code className="font-mono break-all">{value}</code>;
}

/** One stored table: its name, the why, and its rows. */
function StoredTable({
  table,
  title,
  why,
  columns,
  rows,
  empty,
}: {
  table: string;
  title: string;
  why: ReactNode;
  columns: readonly string[];
  rows: readonly ReactNode[][];
  empty: string;
}) {
  const id = `stored-${table}`;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-2 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
      <h3 id={id} className="text-lg font-semibold">
        <code className="font-mono">{table}</code>: {title}
      </h3>
      {why}
      {rows.length === 0 ? (
        <p className="text-base text-slate-700">{empty}</p>
      ) : (
        <div className="overflow-x-auto">
          <table aria-label={`Stored rows: ${table}`} className="w-full border-collapse text-left text-base">
            <thead>
              <tr className="border-b-2 border-slate-300">
                {columns.map((c) => (
                  <th key={c} scope="col" className="py-1.5 pr-3 font-mono whitespace-nowrap">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((cells, i) => (
                <tr key={i} className="border-b border-slate-200 align-top">
                  {cells.map((cell, j) => (
                    <td key={j} className="py-1.5 pr-3">
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The refresh token's mark, from its stored columns. */
export function refreshTokenMark(row: StoredRows["refresh_tokens"][number]): string {
  const marks = [row.used_at !== null ? "rotated (used_at set)" : undefined, row.revoked_at !== null ? "revoked" : undefined].filter(
    (m): m is string => m !== undefined,
  );
  return marks.length > 0 ? marks.join(", ") : "current";
}

function paramValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(String).join(" ");
  return JSON.stringify(value) ?? "";
}

function views(rows: StoredRows, nowMs: number): Record<ViewId, ReactNode> {
  const { interaction, grant } = rows;
  return {
    interaction: (
      <StoredTable
        key="interaction"
        table="interactions"
        title="the request, waiting for login and consent"
        why={
          <Why rfcs={["RFC 6749 §10.12"]}>
            The validated request waits here while you sign in and consent, at most {describeDuration(LIFETIMES.interaction.seconds)}; it is
            bound to your browser by a cookie LabMail keeps only as a hash, so another site or browser cannot finish it for you.
          </Why>
        }
        columns={["id", "client_id", "params", "expires_at", "completed_at"]}
        rows={
          interaction
            ? [
                [
                  <Hash key="id" value={interaction.id} />,
                  <code key="client" className="font-mono">
                    {interaction.client_id}
                  </code>,
                  <ul key="params" aria-label="Stored request parameters" className="flex flex-col text-sm">
                    {Object.entries(interaction.params).map(([name, value]) => (
                      <li key={name} className="font-mono break-all">
                        <span className="font-semibold">{name}</span> {paramValue(value)}
                      </li>
                    ))}
                  </ul>,
                  <Stamp key="exp" value={interaction.expires_at} nowMs={nowMs} whenNull="" />,
                  <Stamp key="done" value={interaction.completed_at} nowMs={nowMs} whenNull="still open" />,
                ],
              ]
            : []
        }
        empty="No interaction recorded for this flow yet: it appears once LabMail has asked for your consent."
      />
    ),
    code: (
      <StoredTable
        key="code"
        table="authorization_codes"
        title="the code, as its hash"
        why={
          <Why rfcs={["RFC 6749 §10.5", "RFC 9700 §4.2.4"]}>
            Only the code&apos;s SHA-256 is stored; it lives {describeDuration(LIFETIMES.authorization_code.seconds)} and is single use:{" "}
            <code className="font-mono">consumed_at</code> is set in the same transaction that issues the tokens, and a second use revokes
            the grant.
          </Why>
        }
        columns={["code_hash", "expires_at", "consumed_at", "spent"]}
        rows={rows.authorization_codes.map((c) => [
          <Hash key="hash" value={c.code_hash} />,
          <Stamp key="exp" value={c.expires_at} nowMs={nowMs} whenNull="" />,
          <Stamp key="used" value={c.consumed_at} nowMs={nowMs} whenNull="not exchanged yet" />,
          <strong key="spent">{c.consumed_at === null ? "no" : "yes, spent"}</strong>,
        ])}
        empty="No code issued for this flow yet."
      />
    ),
    grant: (
      <StoredTable
        key="grant"
        table="grants"
        title="what you allowed"
        why={
          <Why rfcs={["RFC 6749 §10.5", "RFC 9700 §4.14.2"]}>
            Codes, refresh tokens and access tokens all hang off one grant, so a replayed code or a reused refresh token can end all of them
            at once by setting <code className="font-mono">revoked_at</code>.
          </Why>
        }
        columns={["id", "scope", "auth_time", "revoked_at"]}
        rows={
          grant
            ? [
                [
                  <Hash key="id" value={grant.id} />,
                  <code key="scope" className="font-mono">
                    {grant.scope}
                  </code>,
                  <Stamp key="auth" value={grant.auth_time} nowMs={nowMs} whenNull="" />,
                  <Stamp key="rev" value={grant.revoked_at} nowMs={nowMs} whenNull="active" />,
                ],
              ]
            : []
        }
        empty="No grant for this flow yet: it is created when you allow the request."
      />
    ),
    refresh: (
      <StoredTable
        key="refresh"
        table="refresh_tokens"
        title="the family, as hashes"
        why={
          <Why rfcs={["RFC 9700 §4.14", "RFC 6749 §10.4"]}>
            The refresh token is stored only as its SHA-256 hash: a leaked database holds no usable refresh token. Each use rotates it (
            <code className="font-mono">used_at</code>), and presenting a used one again revokes the whole family.
          </Why>
        }
        columns={["token_hash", "created_at", "used_at", "revoked_at", "expires_at", "mark"]}
        rows={rows.refresh_tokens.map((t) => [
          <Hash key="hash" value={t.token_hash} />,
          <Stamp key="created" value={t.created_at} nowMs={nowMs} whenNull="" />,
          <Stamp key="used" value={t.used_at} nowMs={nowMs} whenNull="not used" />,
          <Stamp key="rev" value={t.revoked_at} nowMs={nowMs} whenNull="not revoked" />,
          <Stamp key="exp" value={t.expires_at} nowMs={nowMs} whenNull="" />,
          <strong key="mark">{refreshTokenMark(t)}</strong>,
        ])}
        empty="No refresh token issued for this flow yet."
      />
    ),
    access: (
      <StoredTable
        key="access"
        table="access_tokens"
        title="each JWT, by its jti only"
        why={
          <Why rfcs={["RFC 6749 §10.3", "RFC 9700 §4.10"]}>
            The signed JWT itself is not stored: its <code className="font-mono">jti</code> and expiry are enough to answer introspection
            and to revoke it, and it ends after {describeDuration(LIFETIMES.access_token.seconds)} anyway.
          </Why>
        }
        columns={["jti", "expires_at", "revoked_at"]}
        rows={rows.access_tokens.map((t) => [
          <code key="jti" className="font-mono break-all">
            {t.jti}
          </code>,
          <Stamp key="exp" value={t.expires_at} nowMs={nowMs} whenNull="" />,
          <Stamp key="rev" value={t.revoked_at} nowMs={nowMs} whenNull="not revoked" />,
        ])}
        empty="No access token issued for this flow yet."
      />
    ),
  };
}

function sourceNote(source: StoredSource<unknown>, name: string, nothingYet: string): string | undefined {
  if (source.kind === "off") return nothingYet;
  if (source.kind === "none") return `${name}: this flow has no server-side trace (it could not be opened when the flow started).`;
  if (source.kind === "unavailable") return `${name}: stored rows unavailable (${source.detail}).`;
  return undefined;
}

/** The AS's rows for this flow, the step's own views first. Folded on the projector. */
export function StoredRowsPanel({
  source,
  step,
  presenter,
  nowMs,
}: {
  source: StoredSource<StoredRows>;
  step: GuidedStepId;
  presenter: boolean;
  nowMs: number;
}) {
  const focus = FOCUS[step] ?? ALL_VIEWS;
  const rest = ALL_VIEWS.filter((v) => !focus.includes(v));
  const note = sourceNote(
    source,
    "LabMail",
    "LabMail shows no stored rows for this flow (teaching mode is off there, or the flow has ended).",
  );
  const all = source.kind === "ok" ? views(source.value, nowMs) : undefined;
  return (
    <Panel id="stored-rows" title="What LabMail stored" tone="server" folded={presenter}>
      <p className="text-lg text-slate-800">
        LabMail&apos;s own database rows for this flow, read-only and exactly as stored: hashes stay hashes. Only you see them (fetched with
        this flow&apos;s private trace capability), and only in teaching mode.
      </p>
      {all ? (
        <>
          {focus.map((v) => all[v])}
          {rest.length > 0 ? (
            <details className="rounded-xl bg-white ring-1 ring-slate-200">
              <summary className="cursor-pointer px-4 py-2 text-lg font-semibold">The other rows of this flow</summary>
              <div className="flex flex-col gap-3 px-4 pb-4">{rest.map((v) => all[v])}</div>
            </details>
          ) : null}
        </>
      ) : null}
      {note ? <p className="text-base text-slate-700">{note}</p> : null}
    </Panel>
  );
}

/** Step 6: what the mail API keeps for this flow (no token table), its introspection cache and JWKS. */
export function MailApiStatePanel({ source, presenter, nowMs }: { source: StoredSource<MailApiState>; presenter: boolean; nowMs: number }) {
  const note = sourceNote(
    source,
    "Mail API",
    "The mail API keeps nothing for this flow yet: call it first (or teaching mode is off there).",
  );
  const state = source.kind === "ok" ? source.value : undefined;
  return (
    <Panel id="mail-api-state" title="What the mail API keeps" tone="server" folded={presenter}>
      <p className="text-lg text-slate-800">
        <strong>The mail API has no token table</strong>: it stores no access token, not even a hash (
        <code className="font-mono">token_table: false</code>). It checks each JWT with LabMail&apos;s public keys and asks LabMail whether
        the token is still active, remembering an <code className="font-mono">active</code> answer for{" "}
        {describeDuration(LIFETIMES.introspection_cache.seconds)}, in memory only.
      </p>
      {state ? (
        <>
          <StoredTable
            table="introspection cache"
            title="the remembered answer per token"
            why={
              <Why rfcs={["RFC 6749 §10.3", "RFC 7662 §4"]}>
                Nothing about the token is kept beyond its <code className="font-mono">jti</code> and one answer, for{" "}
                {describeDuration(LIFETIMES.introspection_cache.seconds)}: a revoked token stops working here within that time, while a busy
                client costs LabMail at most one introspection per token in that window.
              </Why>
            }
            columns={["jti", "active", "age", "asked again"]}
            rows={state.introspection_cache.map((c) =>
              c.entry
                ? [
                    <code key="jti" className="font-mono break-all">
                      {c.jti}
                    </code>,
                    <code key="active" className="font-mono">
                      true
                    </code>,
                    <strong key="age">{`${c.entry.age_seconds} s old`}</strong>,
                    <span key="again">{`in ${c.entry.asks_again_in_seconds} s, by the next request after that`}</span>,
                  ]
                : [
                    <code key="jti" className="font-mono break-all">
                      {c.jti}
                    </code>,
                    <span key="active" className="text-slate-700">
                      not remembered
                    </span>,
                    <span key="age">—</span>,
                    <span key="again">by the next request with this token</span>,
                  ],
            )}
            empty="No access token of this flow has reached the mail API yet."
          />
          <StoredTable
            table="JWKS"
            title="LabMail's public keys, as fetched"
            why={
              <Why rfcs={["RFC 8414 §2", "RFC 7517 §5"]}>
                Only public keys, fetched from LabMail&apos;s <code className="font-mono">jwks_uri</code> and fetched again when a token
                names an unknown <code className="font-mono">kid</code> (key rotation): the mail API needs no secret shared with LabMail to
                check a signature.
              </Why>
            }
            columns={["kid", "alg", "kty", "fetched"]}
            rows={
              state.jwks
                ? state.jwks.keys.map((k) => [
                    <code key="kid" className="font-mono break-all">
                      {k.kid ?? "(none)"}
                    </code>,
                    <code key="alg" className="font-mono">
                      {k.alg ?? "(none)"}
                    </code>,
                    <code key="kty" className="font-mono">
                      {k.kty ?? "(none)"}
                    </code>,
                    <Stamp key="at" value={state.jwks?.fetched_at ?? null} nowMs={nowMs} whenNull="" />,
                  ])
                : []
            }
            empty="No keys fetched yet: the mail API fetches them on the first token it sees."
          />
        </>
      ) : null}
      {note ? <p className="text-base text-slate-700">{note}</p> : null}
    </Panel>
  );
}
