import { describeDuration, LIFETIMES } from "@oauth-flow-lab/lab";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Alert } from "@/components/alert";
import { ActionButton } from "@/components/guided/action-button";
import { GuidedFrame } from "@/components/guided/guided-frame";
import { Panel } from "@/components/guided/panel";
import { ProgressNote } from "@/components/progress-note";
import { env } from "@/env";
import { requireTeachingMode } from "@/lib/guided/context";
import { currentFlow } from "@/lib/guided/flows";
import { GUIDED_STEPS, guidedPath } from "@/lib/guided/steps";
import { loadOrUnavailable } from "@/lib/state/unavailable";

export const metadata: Metadata = { title: "Guided flow — MailDash" };
export const dynamic = "force-dynamic";

const searchParamsSchema = z.object({
  presenter: z.literal("1").optional().catch(undefined),
  expired: z.literal("1").optional().catch(undefined),
});

export default async function GuidedIntroPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  requireTeachingMode();
  const { presenter, expired } = searchParamsSchema.parse(await searchParams);
  const isPresenter = presenter === "1";
  const flow = await loadOrUnavailable(currentFlow, guidedPath(undefined, isPresenter));
  return (
    <GuidedFrame step={undefined} presenter={isPresenter} hasFlow={flow !== undefined}>
      <ProgressNote presenter={isPresenter} />
      {expired ? (
        <Alert tone="warning" title="That guided flow has ended.">
          <p>Flows are kept for {describeDuration(LIFETIMES.guided_flow.seconds)} on MailDash&apos;s server. Start a new one.</p>
        </Alert>
      ) : null}
      <Panel id="what" title="What you will see">
        <p className="text-xl text-slate-800">
          MailDash walks through a real sign-in with LabMail, pausing at each of the six steps of the OAuth 2.0 authorization code flow.
          Every step shows the HTTP that really crossed the wire, what it means, and what LabMail and the mail API checked on their side.
        </p>
        <ol className="flex flex-col gap-2">
          {GUIDED_STEPS.map((step) => (
            <li key={step.id} className="flex gap-4 text-lg">
              <span
                aria-hidden="true"
                className="grid h-9 min-w-9 shrink-0 place-items-center rounded-full bg-blue-100 px-2 font-bold text-blue-800"
              >
                {/^\d$/.test(step.id) ? step.id : "+"}
              </span>
              <span className="pt-1">{step.title}</span>
            </li>
          ))}
        </ol>
      </Panel>
      <Panel id="start" title={flow ? "A guided flow is in progress" : "Start"}>
        <div className="flex flex-wrap items-center gap-4">
          {flow ? (
            <Link
              href={guidedPath("1", isPresenter)}
              className="inline-flex items-center rounded-xl bg-blue-700 px-7 py-3.5 text-xl font-semibold text-white shadow-md hover:bg-blue-800"
            >
              Continue at step 1
            </Link>
          ) : null}
          <ActionButton
            action="start"
            label={flow ? "Start a new flow" : "Start"}
            presenter={isPresenter}
            tone={flow ? "secondary" : "primary"}
          />
        </div>
        <p className="text-base text-slate-700">
          You will sign in at LabMail as a demo user (for example <code className="font-mono">alice</code> /{" "}
          <code className="font-mono">alice-password</code>). This flow is separate from MailDash&apos;s normal sign-in; its tokens stay on
          MailDash&apos;s server for {describeDuration(LIFETIMES.guided_flow.seconds)}.
        </p>
      </Panel>
      {env().ATTACK_LAB ? (
        <Panel id="attacks" title="Then: attack it">
          <p className="text-lg text-slate-800">
            The{" "}
            <Link href="/attacks" className="font-semibold text-blue-800 underline underline-offset-4">
              attack lab
            </Link>{" "}
            runs the classic attacks on this flow against the real servers, and against naive twins that lack one defence each.
          </p>
        </Panel>
      ) : null}
    </GuidedFrame>
  );
}
