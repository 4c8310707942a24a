import type { ReactNode } from "react";

/** A card with its own heading, as on the landing page. */
export function Panel({ id, title, children, tone = "plain" }: { id: string; title: string; children: ReactNode; tone?: "plain" | "server" }) {
  const ring = tone === "server" ? "ring-2 ring-violet-200" : "ring-1 ring-slate-200";
  return (
    <section aria-labelledby={id} className={`flex flex-col gap-4 rounded-2xl bg-white p-7 shadow-sm ${ring}`}>
      <h2 id={id} className="text-2xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Names and values, e.g. the prepared state and PKCE pair. Each value is labelled by its name. */
export function ValueList({ items }: { items: readonly { name: string; value: string; why?: ReactNode }[] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 md:grid-cols-[max-content_1fr]">
      {items.map(({ name, value, why }) => (
        <div key={name} className="contents">
          <dt id={`value-${name}`} className="pt-1 font-mono text-lg font-semibold text-slate-900">
            {name}
          </dt>
          <dd aria-labelledby={`value-${name}`} className="flex flex-col gap-1">
            <code className="rounded-md bg-slate-100 px-2 py-1 font-mono text-lg break-all text-slate-900">{value}</code>
            {why ? <span className="text-base text-slate-700">{why}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
