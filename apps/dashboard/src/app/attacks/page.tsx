import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { AttackFrame } from "@/components/attacks/attack-frame";
import { StatusBadge } from "@/components/attacks/verdict-badge";
import { ProgressNote } from "@/components/progress-note";
import { scenarioPath, scenariosByStep } from "@/lib/attacks/catalog";
import { requireAttackLab } from "@/lib/attacks/lab";
import { RUNNABLE_SCENARIOS } from "@/lib/attacks/registry";
import { currentRuns } from "@/lib/attacks/runs";
import { runStatus } from "@/lib/attacks/verdict";
import { loadOrUnavailable } from "@/lib/state/unavailable";

export const metadata: Metadata = { title: "Attack lab — MailDash" };
export const dynamic = "force-dynamic";

const searchParamsSchema = z.object({ presenter: z.literal("1").optional().catch(undefined) });

export default async function AttackLabIndex({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  requireAttackLab();
  const presenter = searchParamsSchema.parse(await searchParams).presenter === "1";
  const runs = await loadOrUnavailable(currentRuns, scenarioPath(undefined, presenter));
  return (
    <AttackFrame
      scenarioId={undefined}
      presenter={presenter}
      title="The attack lab: classic attacks on the flow, live"
      subtitle={
        <p>
          Each scenario runs a real attack over HTTP against LabMail and the mail API, and shows the check that refused it, read from the
          servers&apos; own trace. Where a naive twin exists, the same attack runs against it too. The runner plays both sides: alice (the
          demo user) signing in to the guided flow&apos;s client, and the attacker.
        </p>
      }
    >
      <ProgressNote presenter={presenter} />
      {scenariosByStep(RUNNABLE_SCENARIOS).map((group) => (
        <section
          key={group.step}
          aria-labelledby={`step-${group.step}`}
          className={`flex flex-col rounded-2xl bg-white shadow-sm ring-1 ring-slate-200 ${presenter ? "gap-2 px-5 py-3" : "gap-3 p-6"}`}
        >
          <h2 id={`step-${group.step}`} className={presenter ? "text-xl font-semibold" : "text-2xl font-semibold"}>
            {group.title}
          </h2>
          <ul className="flex flex-col gap-2" aria-label={`Scenarios attacking step ${group.step}`}>
            {group.scenarios.map((s) => (
              <li
                key={s.id}
                className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-slate-50 px-4 py-2 ring-1 ring-slate-200"
              >
                <Link href={scenarioPath(s.id, presenter)} className="text-lg font-semibold text-blue-800 underline underline-offset-4">
                  {s.id}. {s.title}
                </Link>
                <span className="flex items-center gap-3 text-base">
                  <span className="text-slate-800">
                    Defence: <code className="font-mono">{s.defence.checks.join(", ")}</code>
                  </span>
                  <span data-status-of={s.id}>
                    <StatusBadge status={runStatus(runs?.runs.get(s.id))} />
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </AttackFrame>
  );
}
