// What the footer's primary control does on a guided step: go on when the next page has something to
// show, otherwise perform what is missing (sign in, send the token request…) or say what it is. A
// student pressing "Next" never lands on a "Not yet" page. Pure: decided from the flow's progress.
import { flowProgress } from "@/lib/guided/auto-mode";
import type { GuidedFlow } from "@/lib/guided/flow";
import { GUIDED_STEP_IDS, type GuidedStepId, guidedPath, nextStep } from "@/lib/guided/steps";

export type NextControl =
  /** A guided page, or LabMail's authorization endpoint (the authorization URL of step 2). */
  | { kind: "link"; href: string; label: string; external: boolean }
  /** A guided action (form POST to /guided/actions/<action>). */
  | { kind: "action"; action: "start" | "send-token-request" | "call-mail-api" | "refresh"; label: string; note?: string | undefined };

const after = (step: GuidedStepId, than: GuidedStepId) => GUIDED_STEP_IDS.indexOf(step) > GUIDED_STEP_IDS.indexOf(than);

/** What a page needs first: in words, the step where it happens, and the control that does it. */
export type Missing = { what: string; at: GuidedStepId; control: NextControl };

/** The earliest thing missing before `target` can show something, or undefined when nothing is. */
export function missingBefore(target: GuidedStepId, flow: GuidedFlow): Missing | undefined {
  const progress = flowProgress(flow);
  if (after(target, "2") && progress.authorization === "none") {
    return {
      what: "LabMail has not answered yet: sign in there first (step 2).",
      at: "2",
      control: { kind: "link", href: flow.authorization_url, label: "Sign in at LabMail", external: true },
    };
  }
  if (after(target, "3") && progress.authorization === "error") {
    return {
      what: "LabMail answered with an error, not a code: there are no tokens to get.",
      at: "3",
      control: { kind: "action", action: "start", label: "Start a new flow" },
    };
  }
  if (after(target, "4") && !progress.tokens) {
    if (progress.tokenError) {
      return {
        what: "The token request failed, and a code works only once.",
        at: "4",
        control: { kind: "action", action: "start", label: "Start a new flow" },
      };
    }
    return {
      what: "no tokens yet: the token request has not been sent (step 4).",
      at: "4",
      control: { kind: "action", action: "send-token-request", label: "Send the token request" },
    };
  }
  return undefined;
}

/** The footer's primary control on `step`; undefined on the last page. */
export function nextControl(step: GuidedStepId, flow: GuidedFlow, presenter: boolean): NextControl | undefined {
  const next = nextStep(step);
  if (!next) return undefined;
  const missing = missingBefore(next, flow);
  if (missing) {
    const { control } = missing;
    if (control.kind === "action" && control.action === "start") return { ...control, note: missing.what };
    return { ...control, label: `Next: ${lower(control.label)}` };
  }
  const progress = flowProgress(flow);
  if (step === "6" && !progress.mailApiCalled) return { kind: "action", action: "call-mail-api", label: "Next: call the mail API" };
  if (step === "refresh" && !progress.refreshed) return { kind: "action", action: "refresh", label: "Next: refresh now" };
  return { kind: "link", href: guidedPath(next, presenter), label: "Next", external: false };
}

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}
