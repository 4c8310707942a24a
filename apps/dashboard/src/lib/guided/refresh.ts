// Extra: refreshing, with the dashboard's own refresh module (rotation made visible).
import "server-only";
import { OAuthError } from "@oauth-flow-lab/oauth";
import { processRefreshTokenResponse, refreshTokenGrantRequest } from "@/lib/oauth/refresh-access-token";
import { epochSeconds } from "@/lib/oauth/token-expiry";
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
    const response = await refreshTokenGrantRequest(
      { token_endpoint: context.metadata.token_endpoint, client: context.client, refresh_token: sent },
      recordingFetch(flow, "refresh"),
    );
    const refreshed = await processRefreshTokenResponse(response, epochSeconds());
    flow.refreshes.push({ sent, received: refreshed.refresh_token, access_token: refreshed.access_token });
    flow.expires_at = refreshed.expires_at;
    flow.tokens = {
      ...flow.tokens,
      access_token: refreshed.access_token,
      refresh_token: refreshed.refresh_token ?? sent,
      scope: refreshed.scope ?? flow.tokens.scope,
    };
  } catch (error) {
    const message = error instanceof OAuthError ? `${error.error}: ${error.error_description}` : error instanceof Error ? error.message : String(error);
    flow.refreshes.push({ sent, received: undefined, access_token: undefined, error: message });
  }
}
