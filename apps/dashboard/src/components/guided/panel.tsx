import type { ReactNode } from "react";

/**
 * A card with its own heading, as on the landing page. `folded` (presenter mode) turns it into a closed
 * disclosure: one line on the projector, opened on demand.
 */
export function Panel({
  id,
  title,
  children,
  tone = "plain",
  folded = false,
  compact = false,
}: {
  id: string;
  title: string;
  children: ReactNode;
  tone?: "plain" | "server";
  folded?: boolean;
  /** Presenter mode: less padding, a smaller heading. */
  compact?: boolean;
}) {
  const ring = tone === "server" ? "ring-2 ring-violet-200" : "ring-1 ring-slate-200";
  if (folded) {
    return (
      <section aria-labelledby={id} className={`rounded-xl bg-white shadow-sm ${ring}`}>
        <details className="group">
          <summary className="flex cursor-pointer items-center gap-3 rounded-xl px-5 py-2.5 hover:bg-slate-50">
            <span aria-hidden="true" className="font-bold text-slate-700 transition group-open:rotate-90">
              ▸
            </span>
            <h2 id={id} className="text-lg font-semibold">
              {title}
            </h2>
          </summary>
          <div className="flex flex-col gap-4 px-5 pt-2 pb-5">{children}</div>
        </details>
      </section>
    );
  }
  return (
    <section
      aria-labelledby={id}
      className={`flex flex-col rounded-2xl bg-white shadow-sm ${ring} ${compact ? "gap-2 px-5 py-3" : "gap-4 p-7"}`}
    >
      <h2 id={id} className={compact ? "text-xl font-semibold" : "text-2xl font-semibold"}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Names and values, e.g. the prepared state and PKCE pair. Each value is labelled by its name. */
export function ValueList({
  items,
  compact = false,
}: {
  items: readonly { name: string; value: string; why?: ReactNode }[];
  compact?: boolean;
}) {
  return (
    <dl className={`grid grid-cols-1 gap-x-6 md:grid-cols-[max-content_1fr] ${compact ? "gap-y-1.5" : "gap-y-3"}`}>
      {items.map(({ name, value, why }) => (
        <div key={name} className="contents">
          <dt id={`value-${name}`} className={`font-mono font-semibold text-slate-900 ${compact ? "text-base" : "pt-1 text-lg"}`}>
            {name}
          </dt>
          <dd aria-labelledby={`value-${name}`} className="flex flex-col gap-0.5">
            <code
              className={`rounded-md bg-slate-100 px-2 font-mono break-all text-slate-900 ${compact ? "py-0.5 text-base" : "py-1 text-lg"}`}
            >
              {value}
            </code>
            {why ? <span className={compact ? "text-sm text-slate-700" : "text-base text-slate-700"}>{why}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
