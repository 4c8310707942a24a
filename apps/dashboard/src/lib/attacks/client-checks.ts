// The client core's own checks of an authorization response (oauth4webapi's validateAuthResponse:
// iss, then state), as the library's outcome shows them. The client keeps no server trace, so a run
// records what the library did: it threw an error naming the parameter, or it returned.
import "server-only";
import { CLIENT_CHECKS } from "./client-check-ids";
import type { ClientCheckEvent, SideRecord } from "./types";

/**
 * A client-side step's record, judged: when the library threw about `parameter` (its messages name it
 * in quotes), the answer is a refusal and the check is recorded as failed; anything else is kept as is.
 */
export function clientCheckRefusal(record: SideRecord, parameter: keyof typeof CLIENT_CHECKS, endpoint: string): SideRecord {
  const { answer } = record;
  if (answer.kind !== "no-answer" || !answer.detail.includes(`"${parameter}"`)) return record;
  const check = CLIENT_CHECKS[parameter];
  const event: ClientCheckEvent = {
    ...check,
    ok: false,
    detail: `oauth4webapi: ${answer.detail}`,
    actor: "client",
    endpoint,
    at: new Date().toISOString(),
  };
  return {
    ...record,
    answer: {
      kind: "refused",
      status: 400,
      error: "invalid_request",
      error_description: `the client refused the response: ${answer.detail}`,
    },
    events: [...record.events, event],
  };
}
