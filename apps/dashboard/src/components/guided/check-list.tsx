import { rfcHref } from "@/lib/guided/steps";

export type CheckItem = {
  check: string;
  ok: boolean;
  detail?: string | undefined;
  rfc?: string | undefined;
  /** The server answered from a cache instead of checking again (e.g. the mail API's introspection cache). */
  cached?: { age_seconds: number } | undefined;
};

/** ✓ / ✗ per check, with the detail and a link to the RFC section it implements. */
export function CheckList({ items, label, compact = false }: { items: readonly CheckItem[]; label: string; compact?: boolean }) {
  return (
    <ul aria-label={label} className={`flex flex-col ${compact ? "gap-1" : "gap-2"}`}>
      {items.map((item, i) => {
        const href = item.rfc ? rfcHref(item.rfc) : undefined;
        return (
          <li
            key={`${item.check}-${i}`}
            className={`flex gap-3 rounded-lg ${compact ? "px-3 py-1 text-base" : "px-4 py-2.5 text-lg"} ${item.ok ? "bg-green-50" : "bg-red-50"}`}
          >
            <span aria-hidden="true" className={`font-bold ${item.ok ? "text-green-800" : "text-red-800"}`}>
              {item.ok ? "✓" : "✗"}
            </span>
            <span className={compact ? "flex flex-wrap items-baseline gap-x-3" : "flex flex-col"}>
              <span>
                <span className="sr-only">{item.ok ? "Passed: " : "Failed: "}</span>
                {item.check}
                {item.cached ? (
                  <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-base font-semibold text-amber-950">
                    cached, {Math.round(item.cached.age_seconds)} s old
                  </span>
                ) : null}
              </span>
              {item.detail && (!compact || !item.ok) ? (
                <span className="font-mono text-base break-all text-slate-700">{item.detail}</span>
              ) : null}
              {item.rfc ? (
                href ? (
                  <a href={href} className={`text-blue-800 underline ${compact ? "text-sm" : "text-base"}`}>
                    {item.rfc}
                  </a>
                ) : (
                  <span className={`text-slate-700 ${compact ? "text-sm" : "text-base"}`}>{item.rfc}</span>
                )
              ) : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
