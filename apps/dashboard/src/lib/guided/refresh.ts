// Extra: refreshing, with the same client core the real dashboard uses (rotation made visible).
import "server-only";
import { OAuthError } from "@oauth-flow-lab/oauth";
import { epochSeconds } from "@/lib/oauth/token-expiry";
import { refreshAccessToken } from "@/lib/oauth-client/refresh";
import type { GuidedContext } from "./context";
import type { GuidedFlow } from "./flow";
import { recordingFetch } from "./recording-fetch";

/**
 * RFC 6749 §6 (https://www.rfc-editor.org/rfc/rfc6749#section-6): `grant_type=refresh_token`. LabMail
 * rotates refresh tokens (RFC 9700 §4.14.2): the answer carries a new one and the old one is spent.
 * Records old and new side by side.
 */
export async function refreshGuidedTokens(flow: GuidedFlow, context: GuidedContext): Promise<void> {
  const sent = flow.tokens?.refresh_token;
  if (!flow.tokens || !sent) throw new Error("no refresh token: step 5 has not happened, or offline_access was not granted");
  flow.phase_started_at.refresh ??= new Date().toISOString();
  try {
    const refreshed = await refreshAccessToken(
      context.as,
      { client: context.client, refresh_token: sent },
      { http: { fetch: recordingFetch(flow, "refresh") }, now: () => epochSeconds() },
    );
    flow.refreshes.push({ sent, received: refreshed.refresh_token, access_token: refreshed.access_token });
    flow.expires_at = refreshed.expires_at;
    flow.tokens = {
      ...flow.tokens,
      access_token: refreshed.access_token,
      refresh_token: refreshed.refresh_token ?? sent,
      scope: refreshed.scope ?? flow.tokens.scope,
    };
  } catch (error) {
    const message =
      error instanceof OAuthError ? `${error.error}: ${error.error_description}` : error instanceof Error ? error.message : String(error);
    flow.refreshes.push({ sent, received: undefined, access_token: undefined, error: message });
  }
}
