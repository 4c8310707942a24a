// Every lifetime of the lab, in seconds, with the rule it follows. The AS reads its defaults from here
// (its env may override them), the mail API its introspection cache, the pages their prose.

export type Lifetime = {
  seconds: number;
  /** What it bounds, in plain words (pages use it). */
  what: string;
  /** The rule the value follows. */
  rfc?: string;
};

export const LIFETIMES = {
  /** RFC 6749 §4.1.2: "a maximum authorization code lifetime of 10 minutes is RECOMMENDED"; we use 60 s. */
  authorization_code: { seconds: 60, what: "authorization code", rfc: "RFC 6749 §4.1.2" },
  /** RFC 9700 §4.10: short-lived access tokens limit what a leaked one can do. */
  access_token: { seconds: 600, what: "access token", rfc: "RFC 9700 §4.10" },
  /** OpenID Connect Core §2: the ID token's `exp`; it is read once, at sign-in. */
  id_token: { seconds: 600, what: "ID token", rfc: "OpenID Connect Core §2" },
  /** RFC 6749 §6, RFC 9700 §4.14.2: renewed by each rotation (an idle limit), never past grant_absolute. */
  refresh_token: { seconds: 14 * 24 * 3600, what: "refresh token", rfc: "RFC 9700 §4.14.2" },
  /**
   * RFC 9700 §4.14.2 ("refresh tokens SHOULD expire if the client has been inactive", and may expire
   * regardless): a grant, and every refresh token of it, ends this long after the user authorized it,
   * however often it was refreshed. Then the user signs in and consents again.
   */
  grant_absolute: { seconds: 30 * 24 * 3600, what: "authorization, however often its refresh token is used", rfc: "RFC 9700 §4.14.2" },
  /** How long a login and consent interaction at the AS may take. */
  interaction: { seconds: 600, what: "login and consent interaction" },
  /** The AS's own login session (its cookie). */
  session: { seconds: 8 * 3600, what: "login session at LabMail" },
  /** RFC 7662 §4: the mail API trusts an "active" introspection answer this long. */
  introspection_cache: { seconds: 5, what: "introspection answer cached by the mail API", rfc: "RFC 7662 §4" },
  /**
   * Login throttling (OWASP ASVS 2.2.1): the window attempts are counted in, the longest delay, and the
   * lock of an address past LOGIN_THROTTLE.perAddress.
   */
  login_lock: { seconds: 15 * 60, what: "login lock after too many failed passwords" },
  /** How often the AS deletes rows past their lifetime (interactions, codes, sessions, tokens, throttle rows). */
  purge_interval: { seconds: 10 * 60, what: "interval between purges of expired rows at LabMail" },
  /**
   * RFC 6749 §4.1.2: a replayed code revokes what it issued; a spent code's row is kept this long past its
   * expiry so that a late replay is still recognised (and refused with its grant revoked).
   */
  code_replay_memory: { seconds: 24 * 3600, what: "memory of spent authorization codes (replay detection)", rfc: "RFC 6749 §4.1.2" },
  /**
   * Developer console: after a client secret is rotated, the previous secret still authenticates this long
   * (one overlap, so that a deployed client can be updated), then only the new one does.
   */
  client_secret_overlap: { seconds: 3600, what: "validity of a client's previous secret after a rotation" },
  /** A guided flow at the dashboard, and its trace at the servers. */
  guided_flow: { seconds: 3600, what: "guided flow and its trace" },
} as const satisfies Record<string, Lifetime>;

export type LifetimeName = keyof typeof LIFETIMES;

/**
 * Login throttling (OWASP ASVS 2.2.1, OWASP Authentication Cheat Sheet "Login Throttling"), counted in a
 * window of LIFETIMES.login_lock. Every attempt is counted before its password is verified; a success
 * forgets the account-and-address count.
 */
export const LOGIN_THROTTLE = {
  /**
   * Attempts per account and client address before a delay: then one more attempt after 30 s, 1 min,
   * 2 min, … (doubling, at most LIFETIMES.login_lock). Keyed by account *and* address, so a stranger
   * elsewhere cannot lock a student out (there is no account-wide lock).
   */
  perAccountAndAddress: 5,
  /** The first delay after perAccountAndAddress attempts, doubled with each further one. */
  firstDelaySeconds: 30,
  /**
   * Failed attempts per client address in a window, whatever the account (a classroom shares one
   * address). Applied only to an address known through a trusted proxy (the AS's TRUSTED_PROXIES).
   */
  perAddress: 50,
} as const;

/** "60 seconds", "10 minutes", "8 hours", "14 days": for prose on pages. */
export function describeDuration(seconds: number): string {
  const units: [number, string][] = [
    [24 * 3600, "day"],
    [3600, "hour"],
    [60, "minute"],
    [1, "second"],
  ];
  for (const [size, name] of units) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${name}${n === 1 ? "" : "s"}`;
    }
  }
  return `${seconds} seconds`;
}
