// Scenario 2: a read-only token tries to send mail (RFC 6750 §3.1, check route-scope).
import "server-only";
import { DEMO_USERS } from "@oauth-flow-lab/lab";
import { attempt, type RunResult, victimTokens } from "../runner";
import { type AttackSession, callMailApi } from "../session";
import type { AttackRun, ScenarioInfo } from "../types";

export async function runReadOnlyTokenSendsMail(session: AttackSession, info: ScenarioInfo): Promise<RunResult> {
  const setup: AttackRun["setup"] = [];
  const { tokens } = await victimTokens(session, setup);
  const recipient = DEMO_USERS[1];
  const real = await callMailApi(session, tokens.access_token, {
    method: "POST",
    body: { to: recipient.email, subject: "Sent with a read-only token", body: "If you can read this, scopes mean nothing." },
  });
  return {
    setup,
    attempts: [
      attempt(
        info,
        {
          id: "send",
          label: "POST /v1/messages with a mail.read token",
          what: `alice's token (scope "${tokens.scope ?? ""}") asks to send mail to ${recipient.email}.`,
        },
        real,
      ),
    ],
  };
}
