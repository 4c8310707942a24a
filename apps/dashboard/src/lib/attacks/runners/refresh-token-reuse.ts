// Scenario 14: reuse a rotated refresh token (RFC 9700 §4.14.2, check refresh-token-unused).
import "server-only";
import { attempt, failingCheck, RunFailed, type RunResult, victimTokens } from "../runner";
import { type AttackSession, refreshTokens } from "../session";
import type { AttackRun, Observation, ScenarioInfo } from "../types";

export async function runRefreshTokenReuse(session: AttackSession, info: ScenarioInfo): Promise<RunResult> {
  const setup: AttackRun["setup"] = [];
  const { tokens } = await victimTokens(session, setup);
  const first = tokens.refresh_token;
  if (!first) throw new RunFailed("no refresh token (offline_access not granted)", setup);
  const rotated = await refreshTokens(session, first);
  setup.push({ label: "alice's client refreshes: LabMail rotates the refresh token", record: rotated.record });
  const next = rotated.tokens?.refresh_token;
  if (!next) throw new RunFailed("the refresh did not rotate the refresh token", setup);
  const reuse = await refreshTokens(session, first);
  const legitimate = await refreshTokens(session, next);
  const familyRevoked: Observation = {
    label: "alice's client, with the new refresh token it got from the rotation",
    expected: "Refused: the reuse revoked the whole family; alice has to sign in again.",
    seen: legitimate.record.answer.kind === "refused",
    detail:
      legitimate.record.answer.kind === "refused"
        ? `Refused${failingCheck(legitimate.record) ? ` by ${failingCheck(legitimate.record)}` : ""}: the legitimate session ends too.`
        : "It still works: the family was not revoked.",
    record: legitimate.record,
  };
  return {
    setup,
    attempts: [
      attempt(
        info,
        {
          id: "reuse",
          label: "The rotated refresh token, again",
          what: "The first refresh token, already exchanged for a new one, sent to /token again.",
        },
        reuse.record,
        undefined,
        [familyRevoked],
      ),
    ],
  };
}
