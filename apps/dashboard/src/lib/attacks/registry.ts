// The scenarios that can run: each catalog entry joined with its runner (server only). A scenario in
// the catalog without a runner is not listed; a runner without a catalog entry is a build error.
import "server-only";
import { SCENARIOS } from "./catalog";
import { attackContext } from "./lab";
import { RunFailed, type Scenario } from "./runner";
import { runAuthorizeRedirectUri } from "./runners/authorize-redirect-uri";
import { runBrowserHistory } from "./runners/browser-history";
import { runCallbackCsrf } from "./runners/callback-csrf";
import { runClickjackConsent } from "./runners/clickjack-consent";
import { runCodeOtherClient } from "./runners/code-other-client";
import { runCodeReplay } from "./runners/code-replay";
import { runEditedPayload } from "./runners/edited-payload";
import { runForgedTokens } from "./runners/forged-tokens";
import { runMixUp } from "./runners/mix-up";
import { runPkceDowngrade } from "./runners/pkce-downgrade";
import { runReadOnlyTokenSendsMail } from "./runners/read-only-token-sends-mail";
import { runRefreshScopeUpgrade } from "./runners/refresh-scope-upgrade";
import { runRefreshTokenReuse } from "./runners/refresh-token-reuse";
import { runRevokedGrantTokens } from "./runners/revoked-grant-tokens";
import { runStolenCodeWithoutVerifier } from "./runners/stolen-code-without-verifier";
import { runTokenRedirectUri } from "./runners/token-redirect-uri";
import { openAttackSession } from "./session";
import type { AttackRun } from "./types";

/** Each scenario's runner, by id (issue 8's numbering). */
const RUNNERS: Record<string, Scenario["run"]> = {
  "1": runBrowserHistory,
  "2": runReadOnlyTokenSendsMail,
  "3": runEditedPayload,
  "4": runForgedTokens,
  "5": runClickjackConsent,
  "6": runCallbackCsrf,
  "7": runCodeReplay,
  "8": runCodeOtherClient,
  "9": runAuthorizeRedirectUri,
  "10": runTokenRedirectUri,
  "11": runStolenCodeWithoutVerifier,
  "12": runPkceDowngrade,
  "13": runRefreshScopeUpgrade,
  "14": runRefreshTokenReuse,
  "15": runRevokedGrantTokens,
  "16": runMixUp,
};

export const RUNNABLE_SCENARIOS: readonly Scenario[] = SCENARIOS.flatMap((info) => {
  const run = RUNNERS[info.id];
  return run ? [{ ...info, run }] : [];
});

export function scenario(id: string): Scenario | undefined {
  return RUNNABLE_SCENARIOS.find((s) => s.id === id);
}

/** Runs a scenario from scratch: a new login request, a new trace capability, a new browser for alice. */
export async function runScenario(s: Scenario): Promise<AttackRun> {
  const started_at = new Date().toISOString();
  const done = (rest: Omit<AttackRun, "scenario" | "started_at" | "finished_at">): AttackRun => ({
    scenario: s.id,
    started_at,
    finished_at: new Date().toISOString(),
    ...rest,
  });
  let trace: AttackRun["trace"] = "unavailable";
  try {
    const session = await openAttackSession(await attackContext(), s.step);
    trace = session.capability === undefined ? "unavailable" : "open";
    const { setup, attempts } = await s.run(session, s);
    return done({ setup, attempts, trace });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return done({ setup: error instanceof RunFailed ? error.setup : [], attempts: [], trace, error: message });
  }
}
