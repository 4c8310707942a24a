// Scenario 8: another client redeems the code (RFC 6749 §4.1.3, check code-client).
import "server-only";
import { NAIVE_CLIENTS } from "@oauth-flow-lab/lab";
import { attempt, failingCheck, RunFailed, type RunResult, victimCode } from "../runner";
import { type AttackSession, redeemCode } from "../session";
import type { AttackRun, Observation, ScenarioInfo } from "../types";

export async function runCodeOtherClient(session: AttackSession, info: ScenarioInfo): Promise<RunResult> {
  const setup: AttackRun["setup"] = [];
  const callback = await victimCode(session, setup);
  const attackerId = NAIVE_CLIENTS.noPkce.client_id;
  const attacker = session.ctx.naiveClient(attackerId);
  if (!attacker) throw new RunFailed(`the attacker's client ${attackerId} has no secret in NAIVE_CLIENT_SECRETS`, setup);
  // The attacker even has the verifier: only the client binding is left to stop it.
  const stolen = await redeemCode(session, callback, { client: attacker });
  const victim = await redeemCode(session, callback);
  const noSideEffect: Observation = {
    label: "alice's own client then redeems her code",
    expected: "It still works: the attempt had no side effect on the victim (issue 8).",
    seen: victim.record.answer.kind === "accepted",
    detail:
      victim.record.answer.kind === "accepted"
        ? "It works: alice gets her tokens."
        : `Refused too${failingCheck(victim.record) ? `, by ${failingCheck(victim.record)}` : ""}: LabMail spends a code on any presentation, even by the wrong client, so alice must sign in again.`,
    record: victim.record,
  };
  return {
    setup,
    attempts: [
      attempt(
        info,
        {
          id: "other-client",
          label: `${attackerId} redeems alice's code`,
          what: `alice's code and PKCE verifier, sent to /token authenticated as ${attackerId}.`,
        },
        stolen.record,
        undefined,
        [noSideEffect],
      ),
    ],
  };
}
