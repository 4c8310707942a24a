// Scenario 7: code replay, and two parallel redemptions of one code (RFC 6749 §4.1.2, check code-unused).
import "server-only";
import { describeDuration, LIFETIMES } from "@oauth-flow-lab/lab";
import { attempt, failingCheck, type RunResult, victimCode, victimTokens } from "../runner";
import { type AttackSession, callMailApi, observe, pause, redeemCode, redeemWith } from "../session";
import type { AttackRun, Observation, ScenarioInfo, ServerAnswer, SideRecord } from "../types";

/** How long the runner watches the first access token after the replay: the mail API's cache, and a margin. */
const WATCH_MS = (LIFETIMES.introspection_cache.seconds + 3) * 1000;

export async function runCodeReplay(session: AttackSession, info: ScenarioInfo): Promise<RunResult> {
  const setup: AttackRun["setup"] = [];
  const { tokens, callback } = await victimTokens(session, setup);
  const firstUse = await callMailApi(session, tokens.access_token);
  setup.push({
    label: "alice's client reads her mail with the first access token (the mail API now remembers it as active)",
    record: firstUse,
  });

  // 1. The replay: the same code again.
  const replay = await redeemCode(session, callback);
  const replayedAt = Date.now();
  // Then the first access token, until the mail API stops accepting it (or the watch ends).
  let after: SideRecord = await callMailApi(session, tokens.access_token);
  while (after.answer.kind === "accepted" && Date.now() - replayedAt < WATCH_MS) {
    await pause(1_000);
    after = await callMailApi(session, tokens.access_token);
  }
  const seconds = Math.round((Date.now() - replayedAt) / 1000);
  const revoked: Observation = {
    label: "The first access token, at the mail API, after the replay",
    expected: `Refused (token-active: the replay revoked it) within ${describeDuration(LIFETIMES.introspection_cache.seconds)}, the mail API's introspection cache.`,
    seen: after.answer.kind === "refused" && failingCheck(after) === "token-active",
    detail:
      after.answer.kind === "refused"
        ? `Refused about ${seconds} s after the replay${failingCheck(after) ? `, by ${failingCheck(after)}` : ""}.`
        : `Still ${after.answer.kind} ${seconds} s after the replay.`,
    record: after,
  };

  // 2. A fresh code, redeemed twice at the same moment.
  const fresh = await victimCode(session, setup, "alice signs in again (her LabMail session is still open) and consents; a fresh code");
  const answers: ServerAnswer[] = [];
  const race = await observe(session, async (io) => {
    answers.push(...(await Promise.all([redeemWith(session, fresh, {}, io), redeemWith(session, fresh, {}, io)])));
    const won = answers.filter((a) => a.kind === "accepted");
    const lost = answers.find((a) => a.kind !== "accepted");
    if (won.length === answers.length) return won[0] ?? { kind: "no-answer", detail: "no answer" };
    return lost ?? { kind: "no-answer", detail: "no answer" };
  });
  const winners = answers.filter((a) => a.kind === "accepted").length;
  const single: Observation = {
    label: "How many of the two parallel redemptions got tokens",
    expected: "Exactly one: the code is consumed in the same transaction that issues the tokens.",
    seen: winners === 1,
    detail: `${winners} of ${answers.length} got tokens.`,
    record: { exchanges: [], answer: race.answer, events: [] },
  };

  return {
    setup,
    attempts: [
      attempt(
        info,
        { id: "replay", label: "The same code, a second time", what: "alice's code, already redeemed, sent to /token again." },
        replay.record,
        undefined,
        [revoked],
      ),
      attempt(
        info,
        {
          id: "parallel",
          label: "Two redemptions of one code, in parallel",
          what: "A fresh code sent to /token twice at the same moment.",
        },
        race,
        undefined,
        [single],
      ),
    ],
  };
}
