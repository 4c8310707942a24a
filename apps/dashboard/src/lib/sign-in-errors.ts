// What the landing page says for each `?error=` value it can receive: RFC 6749 §4.1.2.1 codes
// (forwarded by our callback route), next-auth v4's own codes, and our SessionExpired.

export type SignInErrorMessage = { title: string; detail: string };

const MESSAGES: Record<string, SignInErrorMessage> = {
  access_denied: {
    title: "You denied access.",
    detail:
      "LabMail told MailDash that you did not allow it to read your mail, so there is no inbox to show. Nothing was shared. You can sign in again whenever you like.",
  },
  SessionExpired: {
    title: "LabMail access was revoked; sign in again.",
    detail:
      "LabMail no longer accepts MailDash's refresh token (it expired, was revoked, or access was withdrawn). Sign in again to continue.",
  },
  Callback: {
    title: "Sign-in could not be completed.",
    detail: "LabMail's answer could not be verified (state, PKCE or ID token check failed). Please try again.",
  },
  OAuthSignin: {
    title: "MailDash could not start signing in.",
    detail: "LabMail's authorization server did not answer. Check that it is running, then try again.",
  },
  Configuration: {
    title: "MailDash is not configured correctly.",
    detail: "Check the dashboard's environment (NEXTAUTH_URL, NEXTAUTH_SECRET, ISSUER, client credentials).",
  },
  SessionRequired: {
    title: "Please sign in first.",
    detail: "That page needs a LabMail session.",
  },
  temporarily_unavailable: {
    title: "LabMail is busy.",
    detail: "The authorization server is temporarily unavailable. Try again in a moment.",
  },
  server_error: {
    title: "LabMail ran into a problem.",
    detail: "The authorization server could not complete the request. Try again in a moment.",
  },
};

// next-auth's names for the same situations.
const ALIASES: Record<string, string> = {
  AccessDenied: "access_denied",
  OAuthCallback: "Callback",
  OAuthCreateAccount: "Callback",
};

export function signInErrorMessage(code: string): SignInErrorMessage {
  const known = MESSAGES[ALIASES[code] ?? code];
  if (known) return known;
  return {
    title: "Sign-in failed.",
    detail: `LabMail or MailDash reported the error "${code.slice(0, 64)}". Please try again.`,
  };
}
