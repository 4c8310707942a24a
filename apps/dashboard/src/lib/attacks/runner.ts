// What every scenario runner shares: the scenario type (its info plus `run`), the victim's legitimate
// sign-in, and turning what was observed into an attempt with both sides' verdicts.
import "server-only";
import type { AttackSession, Tokens } from "./session";
import { redeemCode, signInVictim } from "./session";
import type { AttackRun, AttemptRecord, Observation, ScenarioInfo, SideRecord } from "./types";
import { realVerdict, twinVerdict } from "./verdict";

export type RunResult = Pick<AttackRun, "setup" | "attempts">;

/**
 * A scenario: its info (catalog.ts) and `run`, which performs the attack over real HTTP with the
 * client core, the runner playing both the victim (alice, through a scripted browser) and the attacker.
 */
export type Scenario = ScenarioInfo & { run(session: AttackSession, info: ScenarioInfo): Promise<RunResult> };

/** The run stopped before the attack (e.g. alice's sign-in failed): keeps what was recorded. */
export class RunFailed extends Error {
  constructor(
    message: string,
    readonly setup: AttackRun["setup"],
  ) {
    super(message);
  }
}

/** One attempt, with the real side judged against `expected_checks` and the twin judged by its answer. */
export function attempt(
  info: ScenarioInfo,
  what: { id: string; label: string; what: string; expected_checks?: readonly string[] | undefined },
  real: SideRecord,
  naive?: SideRecord,
  observations: Observation[] = [],
): AttemptRecord {
  const expected_checks = what.expected_checks ?? info.defence.checks;
  return {
    id: what.id,
    label: what.label,
    what: what.what,
    expected_checks,
    real: { ...real, verdict: realVerdict(real.answer, real.events, expected_checks) },
    naive: naive ? { ...naive, verdict: twinVerdict(naive.answer) } : undefined,
    observations,
  };
}

/** The failing check a record's trace names, if any (for observations). */
export function failingCheck(record: SideRecord): string | undefined {
  return record.events.findLast((e) => !e.ok)?.id;
}

/** alice signs in to the victim's client and consents; the code comes back (setup, not the attack). */
export async function victimCode(
  session: AttackSession,
  setup: AttackRun["setup"],
  label = "alice signs in and consents; the code comes back to her client",
): Promise<URLSearchParams> {
  const signIn = await signInVictim(session);
  setup.push({ label, record: signIn.record });
  if (!signIn.callback) throw new RunFailed(`alice's sign-in did not produce a code (${describe(signIn.record)})`, setup);
  return signIn.callback;
}

/** alice's client redeems her code: the legitimate tokens the attack starts from. */
export async function victimTokens(
  session: AttackSession,
  setup: AttackRun["setup"],
): Promise<{ tokens: Tokens; callback: URLSearchParams }> {
  const callback = await victimCode(session, setup);
  const redeemed = await redeemCode(session, callback);
  setup.push({ label: "alice's client redeems the code at /token (the legitimate token request)", record: redeemed.record });
  if (!redeemed.tokens) throw new RunFailed(`alice's token request failed (${describe(redeemed.record)})`, setup);
  return { tokens: redeemed.tokens, callback };
}

function describe(record: SideRecord): string {
  const { answer } = record;
  switch (answer.kind) {
    case "accepted":
      return answer.summary;
    case "refused":
      return `HTTP ${answer.status}${answer.error ? ` ${answer.error}` : ""}${answer.error_description ? `: ${answer.error_description}` : ""}`;
    case "missing":
      return `HTTP ${answer.status}`;
    case "no-answer":
      return answer.detail;
  }
}
