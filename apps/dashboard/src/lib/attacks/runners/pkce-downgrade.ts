// Scenario 12: PKCE downgrade at /authorize (RFC 9700 §4.8, check check-pkce).
import "server-only";
import { attempt, type RunResult } from "../runner";
import { type AttackSession, signInVictim } from "../session";
import type { ScenarioInfo } from "../types";

export async function runPkceDowngrade(session: AttackSession, info: ScenarioInfo): Promise<RunResult> {
  const dropped = await signInVictim(session, { code_challenge: undefined, code_challenge_method: undefined });
  // plain: the "challenge" is the verifier itself, readable by anyone who sees the authorization request.
  const plain = await signInVictim(session, { code_challenge: session.prepared.code_verifier, code_challenge_method: "plain" });
  return {
    setup: [],
    attempts: [
      attempt(
        info,
        {
          id: "no-challenge",
          label: "No code_challenge",
          what: "The authorization request without code_challenge and code_challenge_method.",
        },
        dropped.record,
      ),
      attempt(
        info,
        {
          id: "plain",
          label: "code_challenge_method=plain",
          what: "The authorization request with the verifier itself as code_challenge, method plain.",
        },
        plain.record,
      ),
    ],
  };
}
