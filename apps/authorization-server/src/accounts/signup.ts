// Creating an account at the AS: throttled per address, checked against the rules (signup-rules.ts),
// the password hashed with argon2id and the lab's parameters (protocol/users.ts argon2idHasher). The
// new user's mailbox is not made here: the AS never writes the mail database; the mail API fills a new
// mailbox with welcome messages the first time a token for its `sub` arrives (mail-api/src/mailbox.ts).
import { randomUUID } from "node:crypto";
import { Prisma } from "@oauth-flow-lab/db/auth";
import type { AuthDatabase } from "@/protocol/dependencies";
import type { PasswordHasher } from "@/protocol/users";
import { checkSignupForm, normalizeUsername, type SignupForm, type SignupProblems } from "./signup-rules";
import { admitSignupAttempt, signupThrottleKey } from "./signup-throttle";

/** The new accounts' mail domain (the demo users' too: packages/lab users.ts). */
export const MAIL_DOMAIN = "labmail.test";

export type SignupDependencies = {
  db: Pick<AuthDatabase, "user" | "$queryRaw" | "$executeRaw">;
  now: () => Date;
  passwords: PasswordHasher;
};

export type SignupOutcome =
  | { outcome: "created"; user: { id: string; username: string } }
  | { outcome: "invalid"; problems: SignupProblems }
  | { outcome: "throttled" };

/** Creates the account, or says which fields are wrong. `address`: from client-address.ts, null if unknown. */
export async function signUp(deps: SignupDependencies, form: SignupForm, address: string | null): Promise<SignupOutcome> {
  // Counted before any work, like a login attempt: refused sign-ups count too.
  if (!(await admitSignupAttempt(deps, signupThrottleKey(address)))) return { outcome: "throttled" };
  const problems = checkSignupForm(form);
  if (Object.keys(problems).length > 0) return { outcome: "invalid", problems };
  const username = normalizeUsername(form.username);
  if (await deps.db.user.findUnique({ where: { username }, select: { id: true } })) {
    return { outcome: "invalid", problems: { username: "username_taken" } };
  }
  const passwordHash = await deps.passwords.hash(form.password);
  try {
    const user = await deps.db.user.create({
      data: { id: randomUUID(), username, email: `${username}@${MAIL_DOMAIN}`, name: form.name.trim(), passwordHash },
      select: { id: true, username: true },
    });
    return { outcome: "created", user };
  } catch (error) {
    // Two sign-ups for one name at once: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { outcome: "invalid", problems: { username: "username_taken" } };
    }
    throw error;
  }
}
