// One line per JWT header parameter and claim the lab's tokens carry, in plain words, with where it is
// defined. Presentation only: the guided pages show it beside each value.

type Meaning = { meaning: string; spec: string };

/** RFC 7515 §4.1 (JOSE header) and RFC 9068 §2.1 (`typ` of an access token). */
export const HEADER_MEANINGS: Readonly<Record<string, Meaning>> = {
  alg: { meaning: "The signature algorithm LabMail used.", spec: "RFC 7515 §4.1.1" },
  kid: { meaning: "Which of LabMail's published keys (JWKS) checks the signature.", spec: "RFC 7515 §4.1.4" },
  typ: {
    meaning: "The token's type: at+jwt marks an access token (an ID token says JWT), so one cannot pass for the other.",
    spec: "RFC 9068 §2.1",
  },
};

/** RFC 7519 §4.1 (registered claims), RFC 9068 §2.2 (access token), OpenID Connect Core §2 and §5.1. */
export const CLAIM_MEANINGS: Readonly<Record<string, Meaning>> = {
  iss: { meaning: "Issuer: who made and signed the token (LabMail).", spec: "RFC 7519 §4.1.1" },
  sub: { meaning: "Subject: the user the token is about, a stable id (not a name).", spec: "RFC 7519 §4.1.2" },
  aud: { meaning: "Audience: who must accept it; anyone else must refuse it.", spec: "RFC 7519 §4.1.3" },
  exp: { meaning: "Expiry: from this moment on, the token must be refused.", spec: "RFC 7519 §4.1.4" },
  nbf: { meaning: "Not before: before this moment, the token must be refused.", spec: "RFC 7519 §4.1.5" },
  iat: { meaning: "Issued at: when LabMail made the token.", spec: "RFC 7519 §4.1.6" },
  jti: { meaning: "JWT ID: this token's unique id, so it can be tracked or revoked.", spec: "RFC 7519 §4.1.7" },
  auth_time: { meaning: "When you actually signed in at LabMail (can be before iat).", spec: "OpenID Connect Core §2" },
  client_id: { meaning: "The client the token was issued to.", spec: "RFC 9068 §2.2" },
  scope: { meaning: "What the token allows, space-separated: the mail API checks mail.read.", spec: "RFC 9068 §2.2.3" },
  nonce: { meaning: "MailDash's value from step 1: this ID token answers that very login.", spec: "OpenID Connect Core §2" },
  at_hash: { meaning: "Half a SHA-256 of the access token: ties the two tokens together.", spec: "OpenID Connect Core §3.1.3.6" },
  azp: { meaning: "Authorized party: the client this ID token was issued to.", spec: "OpenID Connect Core §2" },
  acr: { meaning: "How strongly you were authenticated.", spec: "OpenID Connect Core §2" },
  amr: { meaning: "How you were authenticated (password, OTP…).", spec: "OpenID Connect Core §2" },
  sid: { meaning: "Your session at LabMail.", spec: "OpenID Connect Front-Channel Logout §3" },
  name: { meaning: "Your full name (scope profile).", spec: "OpenID Connect Core §5.1" },
  preferred_username: { meaning: "Your username at LabMail (scope profile).", spec: "OpenID Connect Core §5.1" },
  given_name: { meaning: "Your first name (scope profile).", spec: "OpenID Connect Core §5.1" },
  family_name: { meaning: "Your last name (scope profile).", spec: "OpenID Connect Core §5.1" },
  email: { meaning: "Your e-mail address (scope email).", spec: "OpenID Connect Core §5.1" },
  email_verified: { meaning: "Whether LabMail checked that the address is yours (scope email).", spec: "OpenID Connect Core §5.1" },
};

const UNKNOWN: Meaning = { meaning: "A claim LabMail added that no specification MailDash knows defines.", spec: "RFC 7519 §4.3" };

export function headerMeaning(name: string): Meaning {
  return HEADER_MEANINGS[name] ?? { meaning: "A header parameter MailDash does not know.", spec: "RFC 7515 §4" };
}

export function claimMeaning(name: string): Meaning {
  return CLAIM_MEANINGS[name] ?? UNKNOWN;
}

/** The claims that are NumericDate values (RFC 7519 §2: seconds since the epoch). */
export const TIME_CLAIMS: ReadonlySet<string> = new Set(["exp", "iat", "nbf", "auth_time"]);
