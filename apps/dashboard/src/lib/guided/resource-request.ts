// Step 6: calling the resource server with the access token, through the client core.
import "server-only";
import type { MessageList } from "@/lib/mail-api";
import { messageListSchema } from "@/lib/mail-api";
import { requestProtectedResource } from "@/lib/oauth-client/resource-request";
import type { GuidedContext } from "./context";
import type { GuidedFlow } from "./flow";
import { recordingFetch } from "./recording-fetch";
import type { GuidedStepId } from "./steps";

export type MailApiCall = { status: number; messages: MessageList["messages"] | undefined } | { status: undefined; error: string };

/** How many messages the guided call asks for: enough to see it worked, little enough to read. */
export const GUIDED_MESSAGE_LIMIT = 5;

/**
 * Step 6, RFC 6750 §2.1 (https://www.rfc-editor.org/rfc/rfc6750#section-2.1):
 * `GET /v1/messages?limit=5` with `Authorization: Bearer <access_token>`. Also used after revocation
 * (`step` = "revoke") with the old access token, to watch it stop working.
 */
export async function callMailApi(
  flow: GuidedFlow,
  context: GuidedContext,
  access_token: string,
  step: GuidedStepId,
): Promise<MailApiCall> {
  const url = new URL("v1/messages", `${context.mail_api_url}/`);
  url.searchParams.set("limit", String(GUIDED_MESSAGE_LIMIT));
  try {
    const response = await requestProtectedResource(access_token, url, { fetch: recordingFetch(flow, step), timeoutMs: 8_000 });
    if (!response.ok) return { status: response.status, messages: undefined };
    const parsed = messageListSchema.safeParse(await response.json().catch(() => undefined));
    return { status: response.status, messages: parsed.success ? parsed.data.messages : undefined };
  } catch (error) {
    return { status: undefined, error: error instanceof Error ? error.message : String(error) };
  }
}
