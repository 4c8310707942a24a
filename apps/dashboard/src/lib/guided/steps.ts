// The guided flow's pages, in order: the six steps of the authorization code flow, then the extras.
// Pure data and navigation, shared by the pages, the presenter keys and the tests.

export const GUIDED_STEP_IDS = ["1", "2", "3", "4", "5", "6", "refresh", "revoke"] as const;
export type GuidedStepId = (typeof GUIDED_STEP_IDS)[number];

export type GuidedStep = {
  id: GuidedStepId;
  /** "Step 1", "Extra". */
  label: string;
  title: string;
  /** The RFC section the step implements. */
  rfc: { label: string; href: string };
};

const rfc6749 = (section: string) => `https://www.rfc-editor.org/rfc/rfc6749#section-${section}`;

export const GUIDED_STEPS: readonly GuidedStep[] = [
  {
    id: "1",
    label: "Step 1",
    title: "Login request: the client prepares",
    rfc: { label: "RFC 6749 §4.1.1 and RFC 7636 §4.1–4.2", href: rfc6749("4.1.1") },
  },
  { id: "2", label: "Step 2", title: "Redirect to the authorization server", rfc: { label: "RFC 6749 §4.1.1", href: rfc6749("4.1.1") } },
  {
    id: "3",
    label: "Step 3",
    title: "The authorization code comes back",
    rfc: { label: "RFC 6749 §4.1.2 and RFC 9207 §2", href: rfc6749("4.1.2") },
  },
  { id: "4", label: "Step 4", title: "Token request (back channel)", rfc: { label: "RFC 6749 §4.1.3", href: rfc6749("4.1.3") } },
  {
    id: "5",
    label: "Step 5",
    title: "Token response: the tokens, decoded and verified",
    rfc: { label: "RFC 6749 §4.1.4 and §5.1", href: rfc6749("5.1") },
  },
  {
    id: "6",
    label: "Step 6",
    title: "Resource request: calling the mail API",
    rfc: { label: "RFC 6750 §2.1", href: "https://www.rfc-editor.org/rfc/rfc6750#section-2.1" },
  },
  {
    id: "refresh",
    label: "Extra",
    title: "Refresh: a new access token, a rotated refresh token",
    rfc: { label: "RFC 6749 §6", href: rfc6749("6") },
  },
  {
    id: "revoke",
    label: "Extra",
    title: "Revoke: ending the grant",
    rfc: { label: "RFC 7009 §2", href: "https://www.rfc-editor.org/rfc/rfc7009#section-2" },
  },
];

export function isGuidedStepId(value: string): value is GuidedStepId {
  return (GUIDED_STEP_IDS as readonly string[]).includes(value);
}

export function guidedStep(id: GuidedStepId): GuidedStep {
  const step = GUIDED_STEPS.find((s) => s.id === id);
  if (!step) throw new Error(`unknown guided step ${id}`);
  return step;
}

/** The URL of a step page, keeping presenter mode on when it is. `undefined` is the intro (/guided). */
export function guidedPath(id: GuidedStepId | undefined, presenter = false): string {
  const path = id === undefined ? "/guided" : `/guided/${id}`;
  return presenter ? `${path}?presenter=1` : path;
}

/** The step after `id` (the intro leads to step 1); undefined after the last one. */
export function nextStep(id: GuidedStepId | undefined): GuidedStepId | undefined {
  if (id === undefined) return GUIDED_STEP_IDS[0];
  return GUIDED_STEP_IDS[GUIDED_STEP_IDS.indexOf(id) + 1];
}

/** The step before `id`; undefined means the intro. */
export function previousStep(id: GuidedStepId | undefined): GuidedStepId | undefined {
  if (id === undefined) return undefined;
  const index = GUIDED_STEP_IDS.indexOf(id);
  return index > 0 ? GUIDED_STEP_IDS[index - 1] : undefined;
}

/** "RFC 7636 §4.6" → its section at the RFC editor; undefined for anything else (e.g. OpenID specs). */
export function rfcHref(reference: string): string | undefined {
  const match = /RFC\s*(\d{3,5})\s*§\s*([\d.]+\d|\d)/.exec(reference);
  if (!match) return undefined;
  return `https://www.rfc-editor.org/rfc/rfc${match[1]}#section-${match[2]}`;
}
