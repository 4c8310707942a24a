// OpenID Connect RP-Initiated Logout 1.0: the end_session_endpoint, as an ordered list of checks, one
// per file. A client sends the browser here with the user's ID token (id_token_hint) so that the AS
// session ends too: on a shared PC the next student then starts at the login page, not at the
// previous student's consent screen. The browser goes back only to a registered
// post_logout_redirect_uri, with `state`; otherwise the AS shows its own "signed out" page.
import { type Check, type CheckLog, OAuthError, runChecks } from "@oauth-flow-lab/oauth";
import type { ProtocolDependencies } from "../dependencies";
import type { LoginSession } from "../sessions";
import { endSessionClientCheck } from "./check-client";
import { endUserConfirmationCheck } from "./check-confirmation";
import { idTokenHintCheck } from "./check-id-token-hint";
import { endSessionParametersCheck } from "./check-parameters";
import { postLogoutRedirectUriCheck } from "./check-post-logout-redirect-uri";
import type { EndSessionContext } from "./context";
import { endLoginSessionStep } from "./end-login-session";

export { END_SESSION_PARAMETERS } from "./context";

export const END_SESSION_CHECKS: readonly Check<EndSessionContext>[] = [
  endSessionParametersCheck,
  idTokenHintCheck,
  endSessionClientCheck,
  postLogoutRedirectUriCheck,
  endUserConfirmationCheck,
];

export const END_SESSION_STEPS: readonly Check<EndSessionContext>[] = [endLoginSessionStep];

export type EndSessionOutcome =
  /** The request could not be verified: the AS shows the error, never redirects. The session stays. */
  | { kind: "error-page"; error: OAuthError }
  /** §2: ask the user first; the form re-sends these parameters by POST. */
  | { kind: "confirm"; params: Record<string, string> }
  /** The session ended: back to the registered post_logout_redirect_uri, with state (§3). */
  | { kind: "redirect"; url: URL }
  /** The session ended: the AS's own "You are signed out" page. */
  | { kind: "signed-out" };

/**
 * OpenID Connect RP-Initiated Logout 1.0 §2–§3. `confirmed` is true only for the AS's own
 * confirmation form (a POST).
 */
export async function endSession(
  deps: ProtocolDependencies,
  query: URLSearchParams,
  session: LoginSession | null,
  confirmed: boolean,
  log?: CheckLog,
): Promise<EndSessionOutcome> {
  const ctx: EndSessionContext = { deps, query, session, confirmed };
  try {
    await runChecks(END_SESSION_CHECKS, ctx, log);
  } catch (error) {
    if (error instanceof OAuthError) return { kind: "error-page", error };
    throw error;
  }
  if (ctx.confirmationNeeded) {
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(ctx.params ?? {})) if (value !== undefined) params[name] = value;
    return { kind: "confirm", params };
  }
  await runChecks(END_SESSION_STEPS, ctx, log);
  if (!ctx.post_logout_redirect_uri) return { kind: "signed-out" };
  const url = new URL(ctx.post_logout_redirect_uri);
  if (ctx.params?.state !== undefined) url.searchParams.set("state", ctx.params.state);
  return { kind: "redirect", url };
}
