// Scenario 13: scope upgrade on refresh (RFC 6749 §6, check refresh-scope-not-widened).
import "server-only";
import { attempt, RunFailed, type RunResult, victimTokens } from "../runner";
import { type AttackSession, refreshTokens } from "../session";
import type { AttackRun, Observation, ScenarioInfo } from "../types";

export async function runRefreshScopeUpgrade(session: AttackSession, info: ScenarioInfo): Promise<RunResult> {
  const setup: AttackRun["setup"] = [];
  const { tokens } = await victimTokens(session, setup);
  if (!tokens.refresh_token) throw new RunFailed("no refresh token (offline_access not granted)", setup);
  const wider = `${tokens.scope ?? session.ctx.scope} mail.send`;
  const upgrade = await refreshTokens(session, tokens.refresh_token, wider);
  const after = await refreshTokens(session, tokens.refresh_token);
  const unharmed: Observation = {
    label: "alice's refresh token, used normally afterwards",
    expected: "It still works: the refused request changed nothing.",
    seen: after.record.answer.kind === "accepted",
    detail: after.record.answer.kind === "accepted" ? "It works: a new access token with the granted scope." : "It was refused as well.",
    record: after.record,
  };
  return {
    setup,
    attempts: [
      attempt(
        info,
        { id: "scope-upgrade", label: "refresh with scope + mail.send", what: `grant_type=refresh_token with scope "${wider}".` },
        upgrade.record,
        undefined,
        [unharmed],
      ),
    ],
  };
}
