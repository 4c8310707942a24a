// The dashboard's link to LabMail's authorization server: discovered endpoints, client credentials,
// the process-wide single-flight refresh, and revocation at sign-out. Every request goes through the
// client core (lib/oauth-client, on oauth4webapi).
import "server-only";
import { CLIENTS } from "@oauth-flow-lab/lab";
import type { AuthorizationServer } from "oauth4webapi";
import { env } from "@/env";
import { errorMessage, requestLogger } from "./log";
import { createSingleFlight } from "./oauth/single-flight";
import { epochSeconds } from "./oauth/token-expiry";
import type { ConfidentialClient } from "./oauth-client/client";
import { discoverAuthorizationServer } from "./oauth-client/discovery";
import { endSessionUrl } from "./oauth-client/end-session";
import { type RefreshedTokens, refreshAccessToken } from "./oauth-client/refresh";
import { revokeToken } from "./oauth-client/revocation";

/** Re-read the discovery document now and then, so a restarted authorization server is picked up. */
const METADATA_TTL_MS = 10 * 60 * 1000;
let metadata: { value: Promise<AuthorizationServer>; until: number } | undefined;

/** OpenID Connect Discovery 1.0 §4, cached for METADATA_TTL_MS (a failure is not cached). */
export function authorizationServerMetadata(): Promise<AuthorizationServer> {
  if (metadata && metadata.until > Date.now()) return metadata.value;
  const value = discoverAuthorizationServer(env().ISSUER);
  metadata = { value, until: Date.now() + METADATA_TTL_MS };
  value.catch(() => {
    if (metadata?.value === value) metadata = undefined; // do not cache a failure
  });
  return value;
}

/** The real dashboard's registration. Never handed to the guided flow (it has its own). */
function dashboardClient(): ConfidentialClient {
  const { OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET } = env();
  return { client_id: OAUTH_CLIENT_ID, client_secret: OAUTH_CLIENT_SECRET };
}

/**
 * How long a refresh result is handed to late requests that still carry the old cookie. Longer than
 * any request takes to cross the proxy, far shorter than the access token lives.
 */
const REFRESH_MEMO_MS = 2 * 60 * 1000;
const refreshes = createSingleFlight<RefreshedTokens>({ memoMs: REFRESH_MEMO_MS });

/** RFC 6749 §6, at most once per refresh token in this process (see single-flight.ts). */
export function refreshSessionTokens(refresh_token: string): Promise<RefreshedTokens> {
  return refreshes.run(refresh_token, async () =>
    refreshAccessToken(await authorizationServerMetadata(), { client: dashboardClient(), refresh_token }, { now: () => epochSeconds() }),
  );
}

/**
 * RFC 7009 §2.1: revokes the grant behind a session when the user signs out. Best effort: failures are
 * logged and swallowed, sign-out goes on regardless.
 */
export async function revokeSessionTokens(tokens: {
  refresh_token?: string | undefined;
  access_token?: string | undefined;
}): Promise<void> {
  try {
    const [token, token_type_hint] = tokens.refresh_token
      ? ([tokens.refresh_token, "refresh_token"] as const)
      : ([tokens.access_token, "access_token"] as const);
    if (!token) return;
    await revokeToken(await authorizationServerMetadata(), { client: dashboardClient(), token, token_type_hint });
  } catch (error) {
    (await requestLogger()).warn({ error: errorMessage(error) }, "token revocation at sign-out failed");
  }
}

/**
 * OpenID Connect RP-Initiated Logout 1.0 §2: where the browser goes after the dashboard's own sign-out,
 * so that LabMail's session ends too and the next user at this PC starts at the login page. Back to
 * the dashboard's registered post_logout_redirect_uri (lab registry). Undefined if LabMail cannot be
 * reached: the dashboard's sign-out still happened.
 */
export async function endSessionRedirect(id_token_hint: string | undefined): Promise<URL | undefined> {
  const { OAUTH_CLIENT_ID, NEXTAUTH_URL } = env();
  const [post_logout_redirect_uri] = CLIENTS.dashboard.post_logout_redirect_uris(NEXTAUTH_URL.replace(/\/$/, ""));
  if (post_logout_redirect_uri === undefined) return undefined;
  try {
    return endSessionUrl(await authorizationServerMetadata(), { client_id: OAUTH_CLIENT_ID, id_token_hint, post_logout_redirect_uri });
  } catch (error) {
    (await requestLogger()).warn({ error: errorMessage(error) }, "no end_session_endpoint");
    return undefined;
  }
}
