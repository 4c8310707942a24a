// Scenario 10: a different redirect_uri at /token (RFC 6749 §4.1.3, check code-redirect-uri).
import "server-only";
import { attempt, type RunResult, victimCode } from "../runner";
import { type AttackSession, redeemCode } from "../session";
import type { AttackRun, ScenarioInfo } from "../types";

export const ATTACKER_REDIRECT_URI = "https://attacker.example/callback";

export async function runTokenRedirectUri(session: AttackSession, info: ScenarioInfo): Promise<RunResult> {
  const setup: AttackRun["setup"] = [];
  const callback = await victimCode(session, setup);
  const redeemed = await redeemCode(session, callback, { redirect_uri: ATTACKER_REDIRECT_URI });
  return {
    setup,
    attempts: [
      attempt(
        info,
        {
          id: "redirect-uri",
          label: `redirect_uri=${ATTACKER_REDIRECT_URI}`,
          what: `alice's code, redeemed by her client but with redirect_uri ${ATTACKER_REDIRECT_URI} instead of ${session.ctx.redirect_uri}.`,
        },
        redeemed.record,
      ),
    ],
  };
}
