// Scenario 4: forged tokens against the real mail API and the naive endpoint (RFC 8725, RFC 9068 §4).
import "server-only";
import { ATTACKER_KEYS_PATH, publishAttackerKey } from "../attacker-keys";
import { NAIVE_MAIL_API } from "../catalog";
import { FORGERIES, forgeryKit } from "../forgeries";
import { attempt, RunFailed, type RunResult, victimTokens } from "../runner";
import { type AttackSession, callMailApi } from "../session";
import type { AttackRun, ScenarioInfo, SideRecord } from "../types";

const notForged = (detail: string): SideRecord => ({ exchanges: [], answer: { kind: "no-answer", detail }, events: [] });

export async function runForgedTokens(session: AttackSession, info: ScenarioInfo): Promise<RunResult> {
  const setup: AttackRun["setup"] = [];
  const { tokens } = await victimTokens(session, setup);
  const { jwks_uri } = session.ctx.as;
  if (!jwks_uri) throw new RunFailed("the AS advertises no jwks_uri", setup);
  const kit = await forgeryKit(
    tokens.access_token,
    tokens.id_token,
    jwks_uri,
    publishAttackerKey,
    session.ctx.dashboard_url,
    ATTACKER_KEYS_PATH,
  );
  const attempts = [];
  for (const forgery of FORGERIES) {
    const token = await forgery.forge(kit).catch((error: unknown) => {
      throw new RunFailed(`could not forge "${forgery.label}": ${error instanceof Error ? error.message : String(error)}`, setup);
    });
    const what = {
      id: forgery.id,
      label: forgery.label,
      what: forgery.note ? `${forgery.what} ${forgery.note}` : forgery.what,
      expected_checks: forgery.expected_checks,
    };
    if (token === undefined) {
      attempts.push(attempt(info, what, notForged("no such token to forge from (the token response had none)")));
      continue;
    }
    const real = await callMailApi(session, token);
    // The twin: same token, its own endpoint, no trace (it is not the real API), 404 = not deployed.
    const naive = await callMailApi(session, token, { path: NAIVE_MAIL_API.path, traced: false, missingOn404: true });
    attempts.push(attempt(info, what, real, naive));
  }
  return { setup, attempts };
}
