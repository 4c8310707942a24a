import Link from "next/link";
import type { ReactNode } from "react";
import { GUIDED_STEPS, type GuidedStepId, guidedPath, guidedStep, nextStep, previousStep } from "@/lib/guided/steps";
import { ActionButton } from "./action-button";
import type { NextControl } from "./next-control";
import { PresenterKeys } from "./presenter-keys";

const primary = "rounded-xl bg-blue-700 px-6 py-3 text-lg font-semibold text-white shadow-md hover:bg-blue-800";

/** The footer's primary control: Next, or the action that must come first (it says so in its label). */
function NextButton({ control, presenter }: { control: NextControl; presenter: boolean }) {
  const arrow = <span aria-hidden="true"> →</span>;
  if (control.kind === "action") {
    return (
      <span className="flex flex-wrap items-center gap-3">
        {control.note ? <span className="text-base text-slate-800">{control.note}</span> : null}
        <ActionButton action={control.action} label={control.label} presenter={presenter} size="footer" nextControl />
      </span>
    );
  }
  return control.external ? (
    <a href={control.href} data-next-control="" className={primary}>
      {control.label}
      {arrow}
    </a>
  ) : (
    <Link href={control.href} data-next-control="" className={primary}>
      {control.label}
      {arrow}
    </Link>
  );
}

/**
 * The frame of every guided page: where we are (step list), the step's title and RFC section, and
 * Back / Next. Presenter mode (`?presenter=1`) enlarges everything and adds the keyboard.
 */
export function GuidedFrame({
  step,
  presenter,
  hasFlow,
  auto,
  next,
  children,
}: {
  step: GuidedStepId | undefined;
  presenter: boolean;
  hasFlow: boolean;
  /** The auto mode control, on step pages with a flow. */
  auto?: ReactNode;
  /** The footer's primary control on a step page with a flow (see next-control.ts); else plain Next. */
  next?: NextControl | undefined;
  children: ReactNode;
}) {
  const current = step ? guidedStep(step) : undefined;
  const previous = step ? guidedPath(previousStep(step), presenter) : undefined;
  const following = nextStep(step);
  const defaultNext: NextControl | undefined =
    following && (hasFlow || step !== undefined)
      ? { kind: "link", href: guidedPath(following, presenter), label: "Next", external: false }
      : undefined;
  const control = next ?? defaultNext;
  const here = guidedPath(step, false);
  return (
    <div
      data-presenter={presenter ? "" : undefined}
      className={`mx-auto flex max-w-6xl flex-col ${presenter ? "gap-4 px-6 py-4" : "gap-6 px-8 py-8"}`}
    >
      <header className={`flex flex-col ${presenter ? "gap-1" : "gap-2"}`}>
        <p
          className={`flex flex-wrap items-center gap-x-4 font-semibold tracking-wide text-blue-700 uppercase ${presenter ? "text-base" : "text-lg"}`}
        >
          <Link href="/" className="underline-offset-4 hover:underline">
            MailDash
          </Link>
          <span aria-hidden="true">›</span>
          <Link href={guidedPath(undefined, presenter)} className="underline-offset-4 hover:underline">
            Guided flow
          </Link>
          {current && presenter ? (
            <a href={current.rfc.href} className="font-medium tracking-normal text-blue-800 normal-case underline">
              {current.rfc.label}
            </a>
          ) : null}
        </p>
        <h1 className={`font-bold tracking-tight ${presenter ? "text-2xl" : "text-4xl"}`}>
          {current ? `${current.label}: ${current.title}` : "The authorization code flow, step by step"}
        </h1>
        {current && !presenter ? (
          <p className="text-lg text-slate-700">
            Specification:{" "}
            <a href={current.rfc.href} className="font-medium text-blue-800 underline">
              {current.rfc.label}
            </a>
          </p>
        ) : null}
      </header>

      <nav aria-label="Steps" className={presenter ? "sr-only" : undefined}>
        <ol className="flex flex-wrap gap-2">
          {GUIDED_STEPS.map((s) => (
            <li key={s.id}>
              <Link
                href={guidedPath(s.id, presenter)}
                aria-current={s.id === step ? "page" : undefined}
                className={`inline-flex rounded-full px-4 py-1.5 text-base font-semibold ring-1 ${
                  s.id === step ? "bg-blue-700 text-white ring-blue-700" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-100"
                }`}
              >
                {/^\d$/.test(s.id) ? `${s.id}` : s.id === "refresh" ? "Refresh" : "Revoke"}
                <span className="sr-only">: {s.title}</span>
              </Link>
            </li>
          ))}
        </ol>
      </nav>

      <main className={`flex flex-col ${presenter ? "gap-4" : "gap-6"}`}>{children}</main>

      <footer className="flex flex-wrap items-center justify-between gap-4 border-t-2 border-slate-200 pt-5">
        <nav aria-label="Previous and next step" className="flex flex-wrap items-center gap-3">
          {step ? (
            <Link
              href={previous ?? guidedPath(undefined, presenter)}
              className="rounded-xl border-2 border-slate-300 bg-white px-6 py-3 text-lg font-semibold hover:bg-slate-100"
            >
              <span aria-hidden="true">← </span>Back
            </Link>
          ) : null}
          {control ? <NextButton control={control} presenter={presenter} /> : null}
        </nav>
        {auto}
        <div className="flex flex-wrap items-center gap-4 text-base">
          {hasFlow ? (
            <a href="/guided/transcript.json" download className="font-medium text-blue-800 underline">
              Download the transcript (JSON)
            </a>
          ) : null}
          <Link href={presenter ? here : guidedPath(step, true)} className="font-medium text-blue-800 underline">
            {presenter ? "Leave presenter mode" : "Presenter mode"}
          </Link>
          {hasFlow ? (
            <form method="post" action="/guided/actions/reset">
              {presenter ? <input type="hidden" name="presenter" value="1" /> : null}
              <button type="submit" className="font-medium text-red-800 underline">
                Start over
              </button>
            </form>
          ) : null}
        </div>
        {presenter ? (
          <p className="w-full text-base text-slate-700">
            Presenter keys: <kbd className="font-mono">→</kbd>{" "}
            {control && control.label !== "Next" ? control.label.replace(/^Next: /, "") : "next"}, <kbd className="font-mono">←</kbd> back,{" "}
            <kbd className="font-mono">R</kbd> start over.
          </p>
        ) : null}
      </footer>
      {presenter ? (
        <PresenterKeys previous={step ? (previous ?? guidedPath(undefined, true)) : undefined} hasNext={control !== undefined} />
      ) : null}
    </div>
  );
}
