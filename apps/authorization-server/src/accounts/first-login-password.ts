// The first login of an account a teacher created or reset: its one-time password opened the login,
// but no session starts and no authorization code is issued until the student chooses a password of
// their own (the sign-up rules, signup-rules.ts). The one-time password then stops working.
import { authSql } from "@oauth-flow-lab/db/auth";
import { AUTH_STATEMENTS } from "@oauth-flow-lab/db/auth-statements";
import type { AuthDatabase } from "../protocol/dependencies";
import type { PasswordHasher } from "../protocol/users";
import { checkPassword, type SignupProblem } from "./signup-rules";

type Db = AuthDatabase;
type AccountState = { mustChangePassword: boolean; disabledAt: Date | null };

/** True while the account still has the one-time password a teacher gave it. */
export async function needsPasswordChange(db: Db, userId: string): Promise<boolean> {
  const [user] = await authSql(db).query<AccountState>(AUTH_STATEMENTS.accountState, [userId]);
  return user?.mustChangePassword === true && user.disabledAt === null;
}

/**
 * True when an authorization code may be issued to this user: the account exists, is not disabled and
 * has no one-time password left to change (the consent form's gate: an interaction that knows its
 * user is not enough).
 */
export async function mayReceiveCode(db: Db, userId: string): Promise<boolean> {
  const [user] = await authSql(db).query<AccountState>(AUTH_STATEMENTS.accountState, [userId]);
  return user !== undefined && !user.mustChangePassword && user.disabledAt === null;
}

/** The message each refusal shows, on top of the sign-up rules' own. */
export const PASSWORD_CHANGE_MESSAGES = {
  password_same: "Choose a new password, not the one-time password you were given.",
  password_mismatch: "The two passwords are not the same. Type the new password twice.",
} as const;
export type PasswordChangeProblem = SignupProblem | keyof typeof PASSWORD_CHANGE_MESSAGES;

export type PasswordChangeOutcome =
  | { outcome: "changed" }
  | { outcome: "invalid"; problem: PasswordChangeProblem }
  | { outcome: "not_required" };

/**
 * Replaces the one-time password: the new one follows the sign-up rules, differs from the one-time
 * password, and is stored as its argon2id hash; `mustChangePassword` is cleared in the same update,
 * which happens only while it is still set (a double submit changes it once).
 */
export async function changeOneTimePassword(
  deps: { db: Db; passwords: PasswordHasher },
  userId: string,
  form: { password: string; confirmation: string },
): Promise<PasswordChangeOutcome> {
  const user = await deps.db.user.findUnique({ where: { id: userId } });
  if (!user?.mustChangePassword || user.disabledAt !== null) return { outcome: "not_required" };
  const problem = checkPassword(form.password, user.username);
  if (problem) return { outcome: "invalid", problem };
  if (form.password !== form.confirmation) return { outcome: "invalid", problem: "password_mismatch" };
  if (await deps.passwords.verify(user.passwordHash, form.password)) return { outcome: "invalid", problem: "password_same" };
  const passwordHash = await deps.passwords.hash(form.password);
  const done = await deps.db.user.updateMany({
    where: { id: userId, mustChangePassword: true, passwordHash: user.passwordHash },
    data: { passwordHash, mustChangePassword: false },
  });
  return done.count === 1 ? { outcome: "changed" } : { outcome: "not_required" };
}
