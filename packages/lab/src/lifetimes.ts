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
  /** RFC 6749 §6, RFC 9700 §4.14.2: renewed by each rotation. */
  refresh_token: { seconds: 14 * 24 * 3600, what: "refresh token", rfc: "RFC 9700 §4.14.2" },
  /** How long a login and consent interaction at the AS may take. */
  interaction: { seconds: 600, what: "login and consent interaction" },
  /** The AS's own login session (its cookie). */
  session: { seconds: 8 * 3600, what: "login session at LabMail" },
  /** RFC 7662 §4: the mail API trusts an "active" introspection answer this long. */
  introspection_cache: { seconds: 5, what: "introspection answer cached by the mail API", rfc: "RFC 7662 §4" },
  /** Login throttling window and lock (OWASP ASVS 2.2.1). */
  login_lock: { seconds: 15 * 60, what: "login lock after too many failed passwords" },
  /** A guided flow at the dashboard, and its trace at the servers. */
  guided_flow: { seconds: 3600, what: "guided flow and its trace" },
} as const satisfies Record<string, Lifetime>;

export type LifetimeName = keyof typeof LIFETIMES;

/** Login throttling: failures allowed in a window of LIFETIMES.login_lock. */
export const LOGIN_THROTTLE = {
  /** Failures allowed per account in a window. */
  perAccount: 5,
  /** Failures allowed per client address in a window (a classroom shares one address). */
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
