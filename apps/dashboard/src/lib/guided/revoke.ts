// Extra: revocation, with the dashboard's own RFC 7009 module.
import "server-only";
import { revokeToken } from "@/lib/oauth/revoke-token";
import type { GuidedContext } from "./context";
import type { GuidedFlow } from "./flow";
import { recordingFetch } from "./recording-fetch";

/**
 * RFC 7009 §2.1 (https://www.rfc-editor.org/rfc/rfc7009#section-2.1): revokes the refresh token.
 * LabMail then ends the whole grant, its access tokens included; the mail API learns it through
 * introspection (RFC 7662) within about 5 seconds. Returns an error message, or undefined on 200.
 */
export async function revokeGuidedGrant(flow: GuidedFlow, context: GuidedContext): Promise<string | undefined> {
  const tokens = flow.tokens;
  if (!tokens) return "no tokens: step 5 has not happened";
  const revocation_endpoint = context.metadata.revocation_endpoint;
  if (!revocation_endpoint) return "LabMail does not advertise a revocation_endpoint";
  flow.phase_started_at.revoke ??= new Date().toISOString();
  const [token, token_type_hint] = tokens.refresh_token
    ? ([tokens.refresh_token, "refresh_token"] as const)
    : ([tokens.access_token, "access_token"] as const);
  try {
    await revokeToken({ revocation_endpoint, client: context.client, token, token_type_hint }, recordingFetch(flow, "revoke"));
    flow.revoked = { at: new Date().toISOString(), access_token: tokens.access_token };
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
