import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { AttackButton } from "@/components/attacks/attack-button";
import { AttackFrame } from "@/components/attacks/attack-frame";
import { AttemptView } from "@/components/attacks/attempt-view";
import { ClickjackFrame } from "@/components/attacks/clickjack-frame";
import { SideView } from "@/components/attacks/side-view";
import { StatusBadge } from "@/components/attacks/verdict-badge";
import { ProgressNote } from "@/components/progress-note";
import { env } from "@/env";
import { SEED_STEP_TITLES, scenarioPath } from "@/lib/attacks/catalog";
import { clickjackFrameUrl } from "@/lib/attacks/clickjack";
import { requireAttackLab } from "@/lib/attacks/lab";
import { scenario as findScenario } from "@/lib/attacks/registry";
import { currentRuns } from "@/lib/attacks/runs";
import { runStatus } from "@/lib/attacks/verdict";
import { loadOrUnavailable } from "@/lib/state/unavailable";

export const dynamic = "force-dynamic";

const searchParamsSchema = z.object({ presenter: z.literal("1").optional().catch(undefined) });

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const s = findScenario((await params).id);
  return { title: s ? `Attack ${s.id}: ${s.title} — MailDash` : "Attack lab — MailDash" };
}

export default async function ScenarioPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  requireAttackLab();
  const s = findScenario((await params).id);
  if (!s) notFound();
  const presenter = searchParamsSchema.parse(await searchParams).presenter === "1";
  const run = (await loadOrUnavailable(currentRuns, scenarioPath(s.id, presenter)))?.runs.get(s.id);
  const status = runStatus(run);
  const client_id = env().GUIDED_CLIENT_ID;
  const text = presenter ? "text-base" : "text-lg";
  const card = `flex flex-col rounded-2xl bg-white shadow-sm ring-1 ring-slate-200 ${presenter ? "gap-1.5 px-5 py-3" : "gap-3 p-6"}`;
  const h2 = presenter ? "text-xl font-semibold" : "text-2xl font-semibold";
  return (
    <AttackFrame
      scenarioId={s.id}
      presenter={presenter}
      title={`Attack ${s.id}: ${s.title}`}
      subtitle={
        presenter ? (
          <p>
            Attacks {SEED_STEP_TITLES[s.step].toLowerCase()}. The runner plays both the victim (alice) and the attacker, over real HTTP.
          </p>
        ) : (
          <p>
            Attacks {SEED_STEP_TITLES[s.step].toLowerCase()}. The runner plays both the victim (alice, signing in to the guided flow&apos;s
            client <code className="font-mono">{client_id}</code> through a scripted browser) and the attacker, over real HTTP.
          </p>
        )
      }
    >
      <ProgressNote presenter={presenter} />
      <div className={`grid gap-3 ${presenter ? "md:grid-cols-2" : "lg:grid-cols-2"}`}>
        <section aria-labelledby="attacker" className={card}>
          <h2 id="attacker" className={h2}>
            What the attacker does
          </h2>
          <p className={text}>{s.attacker}</p>
        </section>
        <section aria-labelledby="defence" className={`${card} ring-2 ring-violet-200`}>
          <h2 id="defence" className={h2}>
            The defence
          </h2>
          <p className={text}>{s.defence.summary}</p>
          <p className={text}>
            Named check{s.defence.checks.length === 1 ? "" : "s"}:{" "}
            {s.defence.checks.map((c, i) => (
              <span key={c}>
                {i > 0 ? ", " : ""}
                <code className="font-mono font-semibold">{c}</code>
              </span>
            ))}{" "}
            —{" "}
            <a href={s.defence.rfc.href} className="font-medium text-blue-800 underline">
              {s.defence.rfc.label}
            </a>
          </p>
        </section>
      </div>

      <section aria-labelledby="run" className={card}>
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="run" className={h2}>
            The run
          </h2>
          <span data-scenario-status={status}>
            <StatusBadge status={status} />
          </span>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <AttackButton scenarioId={s.id} action="run" label={run ? "Run attack again" : "Run attack"} presenter={presenter} />
          {run ? <AttackButton scenarioId={s.id} action="reset" label="Reset" presenter={presenter} tone="secondary" /> : null}
          {run ? (
            <a
              href={`/attacks/${encodeURIComponent(s.id)}/transcript.json`}
              download
              className="text-base font-medium text-blue-800 underline"
            >
              Download the transcript (JSON)
            </a>
          ) : null}
        </div>
        {run === undefined ? (
          <p className={text}>
            Not run yet. A run takes a few seconds
            {s.id === "7" || s.id === "15" ? " (this one up to ten: it watches the mail API's cache expire)" : ""}.
          </p>
        ) : (
          <>
            <p className="text-base text-slate-800">
              Run at {run.started_at.slice(11, 19)} UTC.{" "}
              {run.trace === "open"
                ? "The verdicts name the checks the servers recorded in this run's trace."
                : "This run's trace could not be opened at LabMail: no check can be named."}
            </p>
            {run.error ? (
              <p role="alert" className="rounded-lg bg-red-50 px-4 py-2 text-lg text-red-950 ring-1 ring-red-300">
                The run stopped: {run.error}
              </p>
            ) : null}
            {run.setup.length > 0 ? (
              <details className="rounded-xl bg-slate-50 px-4 py-2 ring-1 ring-slate-200">
                <summary className="cursor-pointer text-lg font-semibold">
                  The victim&apos;s side, before the attack ({run.setup.length} step{run.setup.length === 1 ? "" : "s"})
                </summary>
                <div className="mt-2 flex flex-col gap-3">
                  {run.setup.map((step, i) => (
                    <SideView
                      key={`${step.label}-${i}`}
                      heading={step.label}
                      record={step.record}
                      badge={null}
                      presenter={presenter}
                      client_id={client_id}
                      traced
                      foldExchanges
                    />
                  ))}
                </div>
              </details>
            ) : null}
            {run.attempts.map((a) => (
              <AttemptView
                key={a.id}
                attempt={a}
                presenter={presenter}
                client_id={client_id}
                open={run.attempts.length === 1}
                twinName={s.twin?.name}
              />
            ))}
          </>
        )}
      </section>

      {s.id === "5" ? <ClickjackFrame src={await clickjackFrameUrl()} presenter={presenter} /> : null}

      {s.twin ? (
        <section aria-labelledby="twin" className={card}>
          <h2 id="twin" className={h2}>
            The naive twin
          </h2>
          <p className={text}>
            <span className="font-semibold">{s.twin.name}.</span> {s.twin.breaks}
          </p>
        </section>
      ) : null}

      <section aria-labelledby="without" className={`${card} ring-2 ring-amber-200`}>
        <h2 id="without" className={h2}>
          Without the defence
        </h2>
        <p className={text}>{s.without_defence}</p>
      </section>
    </AttackFrame>
  );
}
