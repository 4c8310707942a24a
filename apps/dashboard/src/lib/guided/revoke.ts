// Extra: revocation, with the same client core the real dashboard uses at sign-out.
import "server-only";
import { revokeToken } from "@/lib/oauth-client/revocation";
import type { GuidedContext } from "./context";
import type { GuidedFlow } from "./flow";
import { recordingFetch } from "./recording-fetch";

/**
 * RFC 7009 §2.1 (https://www.rfc-editor.org/rfc/rfc7009#section-2.1): revokes the refresh token.
 * LabMail then ends the whole grant, its access tokens included; the mail API learns it through
 * introspection (RFC 7662) within its cache lifetime. Returns an error message, or undefined on 200.
 */
export async function revokeGuidedGrant(flow: GuidedFlow, context: GuidedContext): Promise<string | undefined> {
  const tokens = flow.tokens;
  if (!tokens) return "no tokens: step 5 has not happened";
  flow.phase_started_at.revoke ??= new Date().toISOString();
  const [token, token_type_hint] = tokens.refresh_token
    ? ([tokens.refresh_token, "refresh_token"] as const)
    : ([tokens.access_token, "access_token"] as const);
  try {
    await revokeToken(context.as, { client: context.client, token, token_type_hint }, { fetch: recordingFetch(flow, "revoke") });
    flow.revoked = { at: new Date().toISOString(), access_token: tokens.access_token };
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
