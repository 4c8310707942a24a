import type { Scope } from "@oauth-flow-lab/oauth";

/** A small label telling which scope an action needs, and whether the current token has it. */
export function ScopeBadge({ scope, granted }: { scope: Scope; granted: boolean }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 font-mono text-sm ring-1 ${
        granted ? "bg-emerald-50 text-emerald-900 ring-emerald-300" : "bg-amber-50 text-amber-950 ring-amber-400"
      }`}
    >
      <span className="sr-only">{granted ? "Allowed: " : "Not allowed yet: "}</span>
      needs {scope}
    </span>
  );
}
