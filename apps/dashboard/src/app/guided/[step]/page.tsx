import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { z } from "zod";
import { Alert } from "@/components/alert";
import { ActionButton } from "@/components/guided/action-button";
import { AutoMode } from "@/components/guided/auto-mode";
import { GuidedFrame } from "@/components/guided/guided-frame";
import { missingBefore, nextControl } from "@/components/guided/next-control";
import { SequenceDiagram } from "@/components/guided/sequence-diagram";
import { ServerChecks } from "@/components/guided/server-checks";
import { RefreshStep, RevokeStep, Step1, Step2, Step3, Step4, Step5, Step6 } from "@/components/guided/step-views";
import { MailApiStatePanel, StoredRowsPanel, showsStoredRows } from "@/components/guided/stored-rows";
import { TokenLifecycle } from "@/components/guided/token-lifecycle";
import { ProgressNote } from "@/components/progress-note";
import { describeAuthorizationRequest } from "@/lib/guided/authorization-request";
import { autoNextAction, flowProgress } from "@/lib/guided/auto-mode";
import { describeTokenRequest } from "@/lib/guided/code-exchange";
import { guidedContext, guidedDemoControls, requireTeachingMode } from "@/lib/guided/context";
import { currentFlow } from "@/lib/guided/flows";
import { sequenceDiagram } from "@/lib/guided/sequence-diagram";
import { guidedPath, guidedStep, isGuidedStepId } from "@/lib/guided/steps";
import { fetchMailApiState, fetchStoredRows } from "@/lib/guided/stored-rows";
import { accessTokenLifecycle, refreshTokenChain } from "@/lib/guided/token-lifecycle";
import { inspectAccessToken, inspectIdToken } from "@/lib/guided/token-response";
import { fetchServerTraces } from "@/lib/guided/trace";
import { eventsByPhase, PHASE_OF_STEP } from "@/lib/guided/trace-events";
import { epochSeconds } from "@/lib/oauth/token-expiry";
import { reportGuidedStep } from "@/lib/progress";
import { loadOrUnavailable } from "@/lib/state/unavailable";

export const dynamic = "force-dynamic";

const searchParamsSchema = z.object({
  presenter: z.literal("1").optional().catch(undefined),
  /** The exchange a diagram arrow opened (1-based position in the transcript). */
  exchange: z.coerce.number().int().positive().optional().catch(undefined),
});

/** The pages with tokens to watch: the lifecycle panel shows there. */
const LIFECYCLE_STEPS = new Set<string>(["5", "6", "refresh", "revoke"]);

export async function generateMetadata({ params }: { params: Promise<{ step: string }> }): Promise<Metadata> {
  const { step } = await params;
  return {
    title: isGuidedStepId(step) ? `${guidedStep(step).label}: ${guidedStep(step).title} — MailDash guided flow` : "MailDash guided flow",
  };
}

export default async function GuidedStepPage({
  params,
  searchParams,
}: {
  params: Promise<{ step: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  requireTeachingMode();
  const { step } = await params;
  if (!isGuidedStepId(step)) notFound();
  const query = searchParamsSchema.parse(await searchParams);
  const presenter = query.presenter === "1";
  const flow = await loadOrUnavailable(currentFlow, guidedPath(step, presenter));
  if (!flow) {
    return (
      <GuidedFrame step={step} presenter={presenter} hasFlow={false}>
        <ProgressNote presenter={presenter} />
        <Alert tone="info" title="No guided flow in progress.">
          <p className="mb-3">Start one: MailDash prepares a fresh login request (step 1).</p>
          <ActionButton action="start" label="Start" presenter={presenter} />
        </Alert>
      </GuidedFrame>
    );
  }

  // The teacher console sees the step being shown, for the student signed in to MailDash (lib/progress.ts).
  await reportGuidedStep(step);
  const context = await guidedContext();
  const client = context.client;
  const phase = PHASE_OF_STEP[step];
  // What the servers stored for this flow: read server-side with its capability, never sent to the page.
  const [traces, storedRows, mailApiState] = await Promise.all([
    phase ? fetchServerTraces(flow.trace_capability, context) : undefined,
    showsStoredRows(step) ? fetchStoredRows(flow.trace_capability, context) : undefined,
    step === "6" ? fetchMailApiState(flow.trace_capability, context) : undefined,
  ]);
  const events = traces
    ? eventsByPhase(
        [
          ...(traces.authorizationServer.kind === "ok" ? traces.authorizationServer.events : []),
          ...(traces.mailApi.kind === "ok" ? traces.mailApi.events : []),
        ],
        flow.phase_started_at,
      )
    : undefined;

  const nowMs = Date.now();
  // What this page would need first, if anything: its "Not yet" notice performs it.
  const missing = missingBefore(step, flow);
  let content: ReactNode;
  switch (step) {
    case "1":
      content = <Step1 flow={flow} presenter={presenter} />;
      break;
    case "2":
      content = (
        <Step2
          url={flow.authorization_url}
          parameters={describeAuthorizationRequest(flow.authorization_url)}
          presenter={presenter}
          signedIn={flow.authorization_response !== undefined}
        />
      );
      break;
    case "3":
      content = <Step3 flow={flow} client={client} presenter={presenter} missing={missing} />;
      break;
    case "4":
      content = <Step4 flow={flow} planned={describeTokenRequest(flow, context)} client={client} presenter={presenter} missing={missing} />;
      break;
    case "5": {
      const reports = flow.tokens
        ? await Promise.all([
            inspectAccessToken(flow.tokens.access_token, context),
            ...(flow.tokens.id_token ? [inspectIdToken(flow.tokens.id_token, context)] : []),
          ])
        : [];
      content = <Step5 flow={flow} client={client} reports={reports} presenter={presenter} missing={missing} nowMs={nowMs} />;
      break;
    }
    case "6":
      content = <Step6 flow={flow} client={client} presenter={presenter} missing={missing} />;
      break;
    case "refresh":
      content = <RefreshStep flow={flow} client={client} presenter={presenter} missing={missing} />;
      break;
    case "revoke":
      content = <RevokeStep flow={flow} client={client} presenter={presenter} missing={missing} />;
      break;
  }

  const stored = (
    <>
      {storedRows ? <StoredRowsPanel source={storedRows} step={step} presenter={presenter} nowMs={nowMs} /> : null}
      {mailApiState ? <MailApiStatePanel source={mailApiState} presenter={presenter} nowMs={nowMs} /> : null}
    </>
  );
  const access = LIFECYCLE_STEPS.has(step) ? accessTokenLifecycle(flow, epochSeconds(new Date(nowMs))) : undefined;
  const auto = autoNextAction(step, flowProgress(flow));
  const autoHref = auto.kind === "navigate" ? guidedPath(auto.to, presenter) : undefined;

  return (
    <GuidedFrame
      step={step}
      presenter={presenter}
      hasFlow
      auto={<AutoMode key={step} action={auto} href={autoHref} />}
      next={nextControl(step, flow, presenter)}
    >
      <ProgressNote presenter={presenter} />
      {content}
      {presenter && traces && events && phase ? (
        <ServerChecks
          events={events[phase]}
          sources={traces}
          presenter
          waitingFor={step === "2" ? "LabMail's checks of the authorization request appear here once you come back (step 3)." : undefined}
        />
      ) : null}
      {presenter ? stored : null}
      {access ? (
        <TokenLifecycle
          access={access}
          chain={refreshTokenChain(flow)}
          step={step}
          presenter={presenter}
          demoControls={guidedDemoControls()}
          nowMs={nowMs}
        />
      ) : null}
      <SequenceDiagram
        arrows={sequenceDiagram(flow.transcript, { authorization_server: context.issuer, mail_api: context.mail_api_url })}
        transcript={flow.transcript}
        step={step}
        presenter={presenter}
        selected={query.exchange}
        client={client}
      />
      {!presenter && traces && events && phase ? (
        <ServerChecks
          events={events[phase]}
          sources={traces}
          waitingFor={step === "2" ? "LabMail's checks of the authorization request appear here once you come back (step 3)." : undefined}
        />
      ) : null}
      {presenter ? null : stored}
    </GuidedFrame>
  );
}
