// The authorization endpoint's flow (RFC 6749 §4.1.1–§4.1.2): validate the request, then either answer
// at once (an existing login session and remembered consent) or hand over to the login and consent
// interaction. Routes call these functions and turn the outcome into HTTP.
import "server-only";
import { AccessDenied, type CheckLog, ConsentRequired, LoginRequired, OAuthError } from "@oauth-flow-lab/oauth";
import { type AuthorizationRequest, authorizationResponseUrl, RedirectableError, validateAuthorizationRequest } from "./authorization";
import { mustAuthenticateAgain } from "./authorization/check-openid-parameters";
import { issueAuthorizationCode } from "./authorization-codes";
import { UNSAFE_TWIN } from "./client-policy";
import { hasConsent, rememberConsent } from "./consent";
import type { ProtocolDependencies } from "./dependencies";
import { completeInteraction, createInteraction, type Interaction } from "./interactions";
import type { LoginSession } from "./sessions";

export type AuthorizeOutcome =
  /** The client or redirect_uri could not be verified: show the error at the AS, never redirect. */
  | { kind: "error-page"; error: OAuthError }
  /** Go back to the client's verified redirect_uri with a code or an error. */
  | { kind: "redirect"; url: URL }
  /** Continue at the AS's login or consent page, bound to this browser by a cookie. */
  | { kind: "interaction"; id: string; cookieValue: string };

export async function authorize(
  deps: ProtocolDependencies,
  query: URLSearchParams,
  session: LoginSession | null,
  log?: CheckLog,
): Promise<AuthorizeOutcome> {
  const { issuer } = deps.config;
  let request: AuthorizationRequest;
  try {
    ({ request } = await validateAuthorizationRequest(deps.db, query, log));
  } catch (error) {
    if (error instanceof RedirectableError) {
      return { kind: "redirect", url: errorRedirect(issuer, error.redirect_uri, error.state, error.error) };
    }
    if (error instanceof OAuthError) return { kind: "error-page", error };
    throw error;
  }

  // OpenID Connect Core §3.1.2.1: prompt=login, or a session older than max_age, needs a new login;
  // the interaction then carries no user, so its auth_time can only come from that login.
  const mustLogin = session === null || mustAuthenticateAgain(request, session.authTime, deps.now());
  const mustConsent =
    request.prompt.includes("consent") || session === null || !(await hasConsent(session.userId, request.client_id, request.scope));

  // OpenID Connect Core §3.1.2.1: prompt=none never shows a page.
  if (request.prompt.includes("none")) {
    if (mustLogin) {
      const why = session === null ? "the user is not logged in" : "the login session is older than max_age";
      return { kind: "redirect", url: errorFor(issuer, request, new LoginRequired(why)) };
    }
    if (mustConsent) return { kind: "redirect", url: errorFor(issuer, request, new ConsentRequired("the user has not consented")) };
  }
  if (!mustLogin && !mustConsent && session) {
    log?.push({
      id: "no-interaction-needed",
      check: "The user is logged in and consented before: no page to show",
      ok: true,
      rfc: "OpenID Connect Core §3.1.2.4",
    });
    const code = await issueAuthorizationCode(deps, request, session.userId, session.authTime);
    return { kind: "redirect", url: codeRedirect(issuer, request, code) };
  }
  const interaction = await createInteraction(
    request,
    mustLogin || !session ? null : { userId: session.userId, authTime: session.authTime },
  );
  return { kind: "interaction", ...interaction };
}

/**
 * After a successful login: answer at once if consent is remembered (and not forced by prompt=consent),
 * otherwise the consent page comes next (undefined).
 */
export async function afterLogin(
  deps: ProtocolDependencies,
  interaction: Interaction,
  userId: string,
  authTime: Date,
  log?: CheckLog,
): Promise<URL | undefined> {
  const { request } = interaction;
  if (request.prompt.includes("consent") || !(await hasConsent(userId, request.client_id, request.scope))) return undefined;
  if (!(await completeInteraction(interaction.id))) return undefined;
  log?.push({
    id: "consent-remembered",
    check: "Consent remembered for these scopes: code issued without asking again",
    ok: true,
    rfc: "RFC 6749 §4.1.2",
  });
  return codeRedirect(deps.config.issuer, request, await issueAuthorizationCode(deps, request, userId, authTime));
}

/** The user's decision on the consent page. */
export async function decideConsent(
  deps: ProtocolDependencies,
  interaction: Interaction,
  approved: boolean,
  log?: CheckLog,
): Promise<URL | null> {
  const { request, userId, authTime } = interaction;
  if (userId === null || authTime === null) return null;
  if (!(await completeInteraction(interaction.id))) return null;
  log?.push({
    id: "consent-decision",
    check: approved ? "The user allowed the requested scopes" : "The user denied the request",
    ok: approved,
    detail: request.scope.join(" "),
    rfc: "RFC 6749 §4.1.2.1",
  });
  if (!approved) return errorFor(deps.config.issuer, request, new AccessDenied("the user denied the request"));
  await rememberConsent(userId, request.client_id, request.scope);
  log?.push({ id: "issue-authorization-code", check: codeIssuedTitle(request), ok: true, rfc: "RFC 6749 §4.1.2" });
  return codeRedirect(deps.config.issuer, request, await issueAuthorizationCode(deps, request, userId, authTime));
}

/** What the issued code is bound to: no code_challenge only for an attack lab twin with PKCE optional. */
function codeIssuedTitle(request: AuthorizationRequest): string {
  return request.code_challenge === undefined
    ? `Authorization code issued: single use, short-lived, bound to client and redirect_uri, with NO code_challenge (${UNSAFE_TWIN})`
    : "Authorization code issued: single use, short-lived, bound to client, redirect_uri and code_challenge";
}

function codeRedirect(issuer: string, request: AuthorizationRequest, code: string): URL {
  return authorizationResponseUrl(request.redirect_uri, issuer, { code }, request.state);
}

function errorFor(issuer: string, request: AuthorizationRequest, error: OAuthError): URL {
  return errorRedirect(issuer, request.redirect_uri, request.state, error);
}

function errorRedirect(issuer: string, redirect_uri: string, state: string | undefined, error: OAuthError): URL {
  return authorizationResponseUrl(redirect_uri, issuer, { error: error.error, error_description: error.error_description }, state);
}
