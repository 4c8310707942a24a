// Class progress for the teacher console at the AS: what the student signed in to MailDash reached in
// the guided flow and how their attack-lab runs ended. Reported over a back channel, authenticated as
// the dashboard's confidential client (client_secret_basic, through oauth4webapi's ClientAuth), only in
// teaching mode and only for a signed-in student (their `sub`). Fire-and-forget: a failure is logged and
// never reaches the page. A step number or an outcome word only: never a token, a code or a secret.
import "server-only";
import { ATTACK_ACTIVITY_PREFIX, type AttackOutcome, GUIDED_ACTIVITY, GUIDED_STEP_COUNT } from "@oauth-flow-lab/lab";
import { REQUEST_ID_HEADER } from "@oauth-flow-lab/log";
import { after } from "next/server";
import { env } from "@/env";
import { errorMessage, logger } from "./log";
import { clientAuthentication } from "./oauth-client/client";
import { currentRequestId } from "./request-id";
import { getSession } from "./session";

export type ProgressReport = { activity: typeof GUIDED_ACTIVITY; step: number } | { activity: `attack:${string}`; outcome: AttackOutcome };

/** How long a report may take before it is given up (it runs after the response, but not forever). */
const REPORT_TIMEOUT_MS = 3_000;

/** The `sub` progress is attributed to: the student signed in to MailDash, or null (nothing is reported). */
export async function progressSubject(): Promise<string | null> {
  const session = await getSession();
  return session?.user.sub ? session.user.sub : null;
}

/** POST <AS>/console/progress. Throws on failure; sendProgressReport is the fire-and-forget wrapper. */
async function postProgress(sub: string, report: ProgressReport, requestId: string | undefined): Promise<void> {
  const { ISSUER, OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET } = env();
  const headers = new Headers({ "content-type": "application/json", ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}) });
  await clientAuthentication({ client_id: OAUTH_CLIENT_ID, client_secret: OAUTH_CLIENT_SECRET })(
    { issuer: ISSUER },
    { client_id: OAUTH_CLIENT_ID },
    new URLSearchParams(),
    headers,
  );
  const response = await fetch(`${ISSUER}/console/progress`, {
    method: "POST",
    headers,
    body: JSON.stringify({ sub, ...report }),
    signal: AbortSignal.timeout(REPORT_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`the AS answered ${response.status}`);
}

/**
 * Reports after the response is sent (next/server `after`), so the page never waits for it. Nothing
 * happens outside teaching mode or when nobody is signed in.
 */
function sendProgressReport(sub: string | null, report: ProgressReport): void {
  if (sub === null || !env().TEACHING_MODE) return;
  // Read while the request is there: `after` runs once it is answered.
  const requestId = currentRequestId();
  after(async () =>
    postProgress(sub, report, await requestId).catch(async (error: unknown) => {
      logger()
        .child({ request_id: await requestId })
        .warn({ error: errorMessage(error) }, "progress report failed");
    }),
  );
}

/** The guided flow's page `step` is being shown: its number ("1" … "6"; refresh and revoke are not steps). */
export async function reportGuidedStep(step: string): Promise<void> {
  const n = Number(step);
  if (!Number.isInteger(n) || n < 1 || n > GUIDED_STEP_COUNT) return;
  sendProgressReport(await progressSubject(), { activity: GUIDED_ACTIVITY, step: n });
}

/** An attack-lab run of scenario `id` ended with `outcome` (runStatus). */
export async function reportAttackRun(id: string, outcome: AttackOutcome): Promise<void> {
  sendProgressReport(await progressSubject(), { activity: `${ATTACK_ACTIVITY_PREFIX}${id}`, outcome });
}
