// Step 2: the authorization request, described parameter by parameter. The URL itself is the one the
// client core built in step 1; this only explains what is in it. Pure.

export type AuthorizationParameter = { name: string; value: string; why: string; rfc: { label: string; href: string } };

const rfc6749 = (s: string) => `https://www.rfc-editor.org/rfc/rfc6749#section-${s}`;
const OIDC = "https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest";
const PKCE = "https://www.rfc-editor.org/rfc/rfc7636#section-4.3";

/** Why each parameter of RFC 6749 §4.1.1 (with RFC 7636 §4.3 and OpenID Connect Core §3.1.2.1) is there. */
const WHY: Record<string, Omit<AuthorizationParameter, "name" | "value">> = {
  response_type: {
    why: "Asks for an authorization code (the only response type LabMail supports).",
    rfc: { label: "RFC 6749 §4.1.1", href: rfc6749("4.1.1") },
  },
  client_id: {
    why: "Who is asking: the guided flow's own registration at LabMail.",
    rfc: { label: "RFC 6749 §2.2", href: rfc6749("2.2") },
  },
  redirect_uri: {
    why: "Where LabMail sends the browser back. It must match a registered URI exactly, or LabMail refuses.",
    rfc: { label: "RFC 6749 §3.1.2", href: rfc6749("3.1.2") },
  },
  scope: {
    why: "What MailDash wants: who you are (openid profile email), a refresh token (offline_access) and to read mail (mail.read).",
    rfc: { label: "RFC 6749 §3.3", href: rfc6749("3.3") },
  },
  state: {
    why: "A random value MailDash will expect back unchanged: a forged response (CSRF) cannot know it.",
    rfc: { label: "RFC 6749 §10.12", href: rfc6749("10.12") },
  },
  code_challenge: {
    why: "SHA-256 of the secret code_verifier. The verifier itself stays on MailDash's server until step 4.",
    rfc: { label: "RFC 7636 §4.3", href: PKCE },
  },
  code_challenge_method: {
    why: "How the challenge was made: S256 (SHA-256). LabMail refuses the weak 'plain'.",
    rfc: { label: "RFC 7636 §4.3", href: PKCE },
  },
  nonce: {
    why: "Goes into the ID token: MailDash can tell the token was made for this very login.",
    rfc: { label: "OpenID Connect Core §3.1.2.1", href: OIDC },
  },
  prompt: {
    why: "Always show the consent page: LabMail issues a refresh token (offline_access) only with explicit consent.",
    rfc: { label: "OpenID Connect Core §3.1.2.1", href: OIDC },
  },
};

/**
 * Step 2, RFC 6749 §4.1.1 (https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1): the parameters of
 * the authorization URL, in the order they appear in it, each with the reason it is there.
 */
export function describeAuthorizationRequest(authorization_url: string): AuthorizationParameter[] {
  return [...new URL(authorization_url).searchParams].map(([name, value]) => ({
    name,
    value,
    ...(WHY[name] ?? { why: "", rfc: { label: "RFC 6749 §4.1.1", href: rfc6749("4.1.1") } }),
  }));
}
