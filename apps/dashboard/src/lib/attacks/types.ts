// The attack lab's shapes: what a scenario is, and what one run of it recorded. Types only (pure).
import type { TraceEvent } from "@oauth-flow-lab/oauth";
import type { Exchange } from "@/lib/guided/transcript";

/** The step of the seed's flow a scenario attacks (the guided flow's steps 1–6). */
export type SeedStep = 1 | 2 | 3 | 4 | 5 | 6;

/** A reference to the spec: "RFC 6750 §3.1" and its link. */
export type SpecReference = { label: string; href: string };

/** What a scenario is, without how it runs: pages, the index and the tests read this. Pure data. */
export type ScenarioInfo = {
  /** Issue 8's number, as a string: the page is /attacks/{id}. */
  id: string;
  title: string;
  /** The step of the seed it attacks. */
  step: SeedStep;
  /** What the attacker does, in plain words. */
  attacker: string;
  defence: {
    /** The defence, in plain words. */
    summary: string;
    rfc: SpecReference;
    /** The named server check(s) expected to refuse it: `check-pkce`, `jwt-signature`… */
    checks: readonly string[];
  };
  /** One paragraph: what would happen without the defence. */
  without_defence: string;
  /** The naive twin this scenario also attacks, if any (named for the one defence it lacks). */
  twin?: { name: string; breaks: string } | undefined;
};

/** What a server answered to one attempt, as the runner saw it on the wire. */
export type ServerAnswer =
  /** The server did what was asked: tokens, a code, a mailbox. */
  | { kind: "accepted"; status: number; summary: string }
  /** It refused, with its OAuth error (RFC 6749 §5.2, RFC 6750 §3.1) where it sent one. */
  | { kind: "refused"; status: number; error?: string | undefined; error_description?: string | undefined }
  /** No protocol answer (network error, timeout, an unexpected page). */
  | { kind: "no-answer"; detail: string }
  /** The endpoint is not there (the naive twin answered 404: not deployed yet). */
  | { kind: "missing"; status: number };

/**
 * The real side's verdict, computed from the answer and the servers' trace (verdict.ts), never asserted:
 * - held: refused, and the trace names an expected check as the one that failed;
 * - held-other-check: refused, but the trace names another check;
 * - refused-untraced: refused, but the trace recorded no failing check for it;
 * - broken: the real server accepted the attack;
 * - no-answer: nothing to judge.
 */
export type RealVerdict =
  | { kind: "held"; check: string; event: RecordedEvent }
  | { kind: "held-other-check"; check: string; event: RecordedEvent }
  | { kind: "refused-untraced" }
  | { kind: "broken" }
  | { kind: "no-answer"; detail: string };

/** The naive twin's verdict: fooled (it accepted), resisted, or not there to attack. */
export type TwinVerdict =
  | { kind: "fooled" }
  | { kind: "resisted" }
  | { kind: "unavailable"; reason: string }
  | { kind: "no-answer"; detail: string };

/**
 * A check the victim's client core (oauth4webapi) made, as its outcome showed it (the library threw an
 * error naming the parameter), or one a browser makes on a server's instruction (a response header): no
 * server trace records these, so a run records what the library did or what the header says.
 */
export type ClientCheckEvent = Omit<TraceEvent, "actor"> & { actor: "client" | "browser" };

/** A check as a run keeps it: from a server's trace, or observed at the client core. */
export type RecordedEvent = TraceEvent | ClientCheckEvent;

/** One side of one attempt: what crossed the wire, what came back, what the server checked. */
export type SideRecord = {
  exchanges: Exchange[];
  answer: ServerAnswer;
  /** The servers' trace events of this attempt's requests, read with the run's capability; where the client core refused, its check. */
  events: RecordedEvent[];
};

/** Something the runner watched after (or around) the attack: "the victim's own redemption still works". */
export type Observation = {
  label: string;
  /** What the lab expects to see, in plain words (issue 8). */
  expected: string;
  /** Whether it was seen: computed from the answer and the trace, by the runner's own predicate. */
  seen: boolean;
  /** What was seen, in plain words. */
  detail: string;
  record: SideRecord;
};

/** One attack attempt (a scenario may make several: each forgery of scenario 4). */
export type AttemptRecord = {
  id: string;
  label: string;
  /** What this attempt changes, in plain words. */
  what: string;
  /** The check ids expected to refuse this attempt (defaults to the scenario's). */
  expected_checks: readonly string[];
  real: SideRecord & { verdict: RealVerdict };
  /** The same attack against the naive twin, where the scenario has one. */
  naive?: (SideRecord & { verdict: TwinVerdict }) | undefined;
  observations: Observation[];
};

/** One run of a scenario, kept server-side for its browser and exported as the transcript. */
export type AttackRun = {
  scenario: string;
  started_at: string;
  finished_at: string;
  /** The victim's side that prepares the attack: sign-in, consent, the legitimate token request… */
  setup: { label: string; record: SideRecord }[];
  attempts: AttemptRecord[];
  /** Whether the run's trace capability could be registered at the AS ("unavailable": no check can be named). */
  trace: "open" | "unavailable";
  /** The run could not be completed (the AS unreachable, the victim's sign-in failed…). */
  error?: string | undefined;
};

/** The scenario's status on the index and its page. */
export type ScenarioStatus = "not-run" | "held" | "twin-fooled" | "not-confirmed" | "broken" | "failed";
