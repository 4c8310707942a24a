// Auto mode: what to do next on each step page, after the chosen delay. Pure: the page decides from
// the flow, the client component only waits and carries it out.
import type { GuidedFlow } from "./flow";
import { type GuidedStepId, nextStep } from "./steps";

/** The delays offered, in seconds. */
export const AUTO_DELAYS = [2, 3, 5, 10] as const;
export type AutoDelay = (typeof AUTO_DELAYS)[number];
export const DEFAULT_AUTO_DELAY: AutoDelay = 3;
/** Where the choice is kept across page loads (this tab only). */
export const AUTO_STORAGE_KEY = "maildash.guided.auto";

export type AutoState = { running: boolean; delay: AutoDelay };

/** Reads what sessionStorage held; anything unexpected means "stopped, default delay". */
export function parseAutoState(stored: string | null): AutoState {
  try {
    const value: unknown = JSON.parse(stored ?? "null");
    if (typeof value !== "object" || value === null) throw new Error("not an object");
    const { running, delay } = value as Record<string, unknown>;
    const known = AUTO_DELAYS.find((d) => d === delay);
    return { running: running === true, delay: known ?? DEFAULT_AUTO_DELAY };
  } catch {
    return { running: false, delay: DEFAULT_AUTO_DELAY };
  }
}

/** How far the flow has got: what each step page's action has done. */
export type FlowProgress = {
  authorization: "none" | "code" | "error";
  tokens: boolean;
  tokenError: boolean;
  mailApiCalled: boolean;
  refreshed: boolean;
  revoked: boolean;
};

export function flowProgress(
  flow: Pick<GuidedFlow, "authorization_response" | "tokens" | "errors" | "transcript" | "refreshes" | "revoked">,
): FlowProgress {
  return {
    authorization: flow.authorization_response?.kind ?? "none",
    tokens: flow.tokens !== undefined,
    tokenError: flow.errors["4"] !== undefined,
    mailApiCalled: flow.transcript.some((e) => e.step === "6"),
    refreshed: flow.refreshes.length > 0,
    revoked: flow.revoked !== undefined,
  };
}

/**
 * The next move on `step`: go on, press the step's primary action (a form POST to
 * /guided/actions/<action>), or stop and tell the person what only they can do.
 */
export type AutoAction =
  | { kind: "navigate"; to: GuidedStepId }
  | { kind: "press"; action: "send-token-request" | "call-mail-api" | "refresh"; label: string }
  /** Nothing to do until the person acts (signing in at LabMail); auto mode stays on and resumes after. */
  | { kind: "wait"; message: string }
  | { kind: "stop"; message: string };

export function autoNextAction(step: GuidedStepId, progress: FlowProgress): AutoAction {
  const go = (): AutoAction => {
    const to = nextStep(step);
    return to ? { kind: "navigate", to } : { kind: "stop", message: "End of the guided flow." };
  };
  switch (step) {
    case "2":
      return progress.authorization === "none" ? { kind: "wait", message: "Sign in at LabMail to continue." } : go();
    case "3":
      if (progress.authorization === "none") return { kind: "stop", message: "Sign in at LabMail to continue (step 2)." };
      if (progress.authorization === "error")
        return { kind: "stop", message: "LabMail sent an error, not a code: start over to try again." };
      return go();
    case "4":
      if (progress.tokens) return go();
      if (progress.tokenError) return { kind: "stop", message: "The token request failed: start over to try again." };
      if (progress.authorization !== "code")
        return { kind: "stop", message: "No authorization code yet: sign in at LabMail first (step 2)." };
      return { kind: "press", action: "send-token-request", label: "Send the token request" };
    case "5":
      return progress.tokens ? go() : { kind: "stop", message: "No tokens yet: send the token request first (step 4)." };
    case "6":
      if (!progress.tokens) return { kind: "stop", message: "No tokens yet: send the token request first (step 4)." };
      return progress.mailApiCalled ? go() : { kind: "press", action: "call-mail-api", label: "Call the mail API" };
    case "refresh":
      if (!progress.tokens) return { kind: "stop", message: "No tokens yet: send the token request first (step 4)." };
      return progress.refreshed ? go() : { kind: "press", action: "refresh", label: "Refresh now" };
    case "revoke":
      return progress.revoked
        ? { kind: "stop", message: "End of the guided flow." }
        : { kind: "stop", message: "Press “Revoke” yourself: auto mode never ends the grant for you." };
    default:
      return go();
  }
}

/** What the control says while waiting: "Step 4 in 3 s", "Pressing “Refresh now” in 2 s". */
export function describeAutoAction(action: AutoAction, seconds: number): string {
  if (action.kind === "stop" || action.kind === "wait") return action.message;
  const target =
    action.kind === "navigate"
      ? /^\d$/.test(action.to)
        ? `Step ${action.to}`
        : action.to === "refresh"
          ? "Refresh"
          : "Revoke"
      : `Pressing “${action.label}”`;
  return `${target} in ${seconds} s`;
}
