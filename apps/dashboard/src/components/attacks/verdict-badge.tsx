import type { RealVerdict, ScenarioStatus, TwinVerdict } from "@/lib/attacks/types";
import { STATUS_LABEL } from "@/lib/attacks/verdict";

const TONE = {
  good: "bg-green-100 text-green-950 ring-green-300",
  bad: "bg-red-100 text-red-950 ring-red-300",
  warn: "bg-amber-100 text-amber-950 ring-amber-300",
  none: "bg-slate-100 text-slate-900 ring-slate-300",
} as const;

function Badge({ tone, children }: { tone: keyof typeof TONE; children: React.ReactNode }) {
  return <span className={`inline-flex items-center gap-1.5 rounded-full px-3 py-0.5 font-semibold ring-1 ${TONE[tone]}`}>{children}</span>;
}

/** The real side: refused by the named check (read from the trace), or what happened instead. */
export function RealVerdictBadge({ verdict }: { verdict: RealVerdict }) {
  switch (verdict.kind) {
    case "held":
      return (
        <Badge tone="good">
          <span aria-hidden="true">✓</span> Refused by <code className="font-mono">{verdict.check}</code>
        </Badge>
      );
    case "held-other-check":
      return (
        <Badge tone="warn">
          <span aria-hidden="true">✓</span> Refused, by <code className="font-mono">{verdict.check}</code> (not the check expected)
        </Badge>
      );
    case "refused-untraced":
      return <Badge tone="warn">Refused, but the trace names no check</Badge>;
    case "broken":
      return (
        <Badge tone="bad">
          <span aria-hidden="true">✗</span> Accepted: the defence failed
        </Badge>
      );
    case "no-answer":
      return <Badge tone="none">No answer: {verdict.detail}</Badge>;
  }
}

/** The naive twin: fooled, resisted, or not there. */
export function TwinVerdictBadge({ verdict }: { verdict: TwinVerdict }) {
  switch (verdict.kind) {
    case "fooled":
      return (
        <Badge tone="bad">
          <span aria-hidden="true">✗</span> Fooled: it accepted
        </Badge>
      );
    case "resisted":
      return <Badge tone="warn">Refused it anyway</Badge>;
    case "unavailable":
      return <Badge tone="none">Twin unavailable</Badge>;
    case "no-answer":
      return <Badge tone="none">No answer: {verdict.detail}</Badge>;
  }
}

export function StatusBadge({ status }: { status: ScenarioStatus }) {
  const tone =
    status === "held" || status === "twin-fooled"
      ? "good"
      : status === "broken" || status === "failed"
        ? "bad"
        : status === "not-run"
          ? "none"
          : "warn";
  return <Badge tone={tone}>{STATUS_LABEL[status]}</Badge>;
}
