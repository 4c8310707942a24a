// Step 2: the authorization request, sent through the browser (front channel).
import { CODE_CHALLENGE_METHOD } from "@oauth-flow-lab/oauth";
import { DASHBOARD_SCOPE } from "@/lib/oauth/scopes";
import type { GuidedFlow } from "./flow";

export type AuthorizationParameter = { name: string; value: string; why: string; rfc: { label: string; href: string } };

/**
 * Step 2, RFC 6749 §4.1.1 (https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1): the parameters of
 * the authorization request, in the order they appear in the URL, each with the reason it is there.
 */
export function authorizationRequestParameters(
  flow: Pick<GuidedFlow, "state" | "nonce" | "code_challenge">,
  client: { client_id: string; redirect_uri: string },
): AuthorizationParameter[] {
  const rfc6749 = (s: string) => `https://www.rfc-editor.org/rfc/rfc6749#section-${s}`;
  const oidc = "https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest";
  const pkce = "https://www.rfc-editor.org/rfc/rfc7636#section-4.3";
  return [
    { name: "response_type", value: "code", why: "Asks for an authorization code (the only response type LabMail supports).", rfc: { label: "RFC 6749 §4.1.1", href: rfc6749("4.1.1") } },
    { name: "client_id", value: client.client_id, why: "Who is asking: MailDash's registration at LabMail.", rfc: { label: "RFC 6749 §2.2", href: rfc6749("2.2") } },
    { name: "redirect_uri", value: client.redirect_uri, why: "Where LabMail sends the browser back. It must match a registered URI exactly, or LabMail refuses.", rfc: { label: "RFC 6749 §3.1.2", href: rfc6749("3.1.2") } },
    { name: "scope", value: DASHBOARD_SCOPE, why: "What MailDash wants: who you are (openid profile email), a refresh token (offline_access) and to read mail (mail.read).", rfc: { label: "RFC 6749 §3.3", href: rfc6749("3.3") } },
    { name: "state", value: flow.state, why: "A random value MailDash will expect back unchanged: a forged response (CSRF) cannot know it.", rfc: { label: "RFC 6749 §10.12", href: rfc6749("10.12") } },
    { name: "code_challenge", value: flow.code_challenge, why: "SHA-256 of the secret code_verifier. The verifier itself stays on MailDash's server until step 4.", rfc: { label: "RFC 7636 §4.3", href: pkce } },
    { name: "code_challenge_method", value: CODE_CHALLENGE_METHOD, why: "How the challenge was made: S256 (SHA-256). LabMail refuses the weak 'plain'.", rfc: { label: "RFC 7636 §4.3", href: pkce } },
    { name: "nonce", value: flow.nonce, why: "Goes into the ID token: MailDash can tell the token was made for this very login.", rfc: { label: "OpenID Connect Core §3.1.2.1", href: oidc } },
    { name: "prompt", value: "consent", why: "Always show the consent page: LabMail issues a refresh token (offline_access) only with explicit consent.", rfc: { label: "OpenID Connect Core §3.1.2.1", href: oidc } },
  ];
}

/** Step 2: the full URL the browser is sent to. */
export function authorizationRequestUrl(authorization_endpoint: string, parameters: readonly AuthorizationParameter[]): string {
  const url = new URL(authorization_endpoint);
  for (const p of parameters) url.searchParams.set(p.name, p.value);
  return url.href;
}
