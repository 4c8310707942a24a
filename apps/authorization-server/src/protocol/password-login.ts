// A login attempt at the AS's login form: throttled first, then the password (OWASP ASVS 2.2.1). The
// attempt is counted before the argon2 verification runs (login-throttle.ts), so parallel requests
// cannot get more verifications than the throttle allows. A disabled account (teacher console) is refused
// like a wrong password, after the same verification, so the answer reveals nothing about it.
import type { AuthDatabase } from "./dependencies";
import { admitLoginAttempt, loginSucceeded, throttleKeys } from "./login-throttle";
import { type PasswordHasher, type User, verifyPassword } from "./users";

export type LoginDependencies = {
  db: AuthDatabase;
  now: () => Date;
  passwords: PasswordHasher;
};

export type LoginAttempt = {
  username: string;
  password: string;
  /** From client-address.ts: null when no trusted proxy said who sent it. */
  address: string | null;
};

export type LoginOutcome =
  | { outcome: "throttled" }
  | { outcome: "credentials" }
  /** `mustChangePassword`: a teacher's one-time password; no session or code until it is replaced (accounts/first-login-password.ts). */
  | { outcome: "ok"; user: User; mustChangePassword: boolean };

/** Counts the attempt, verifies the password only when the throttle admitted it, and forgets the count on success. */
export async function attemptPasswordLogin(deps: LoginDependencies, attempt: LoginAttempt): Promise<LoginOutcome> {
  const keys = throttleKeys(attempt.username, attempt.address);
  if ((await admitLoginAttempt(deps, keys)) === "throttled") return { outcome: "throttled" };
  const account = await verifyPassword(deps, attempt.username, attempt.password);
  if (!account || account.disabledAt !== null) return { outcome: "credentials" };
  await loginSucceeded(deps, keys);
  const user: User = { id: account.id, username: account.username, email: account.email, name: account.name };
  return { outcome: "ok", user, mustChangePassword: account.mustChangePassword };
}
