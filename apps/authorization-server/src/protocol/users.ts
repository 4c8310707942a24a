// Resource owners and their passwords: argon2id with OWASP's parameters (PASSWORD_HASHING, OWASP
// Password Storage Cheat Sheet "Argon2id"; RFC 9106 §4), rehashed on login when a stored hash was made
// with other parameters. No password hash ever leaves this module.
import { authSql } from "@oauth-flow-lab/db/auth";
import { AUTH_STATEMENTS } from "@oauth-flow-lab/db/auth-statements";
import { PASSWORD_HASHING } from "@oauth-flow-lab/lab";
import argon2 from "argon2";
import type { AuthDatabase } from "./dependencies";
import { isStorableText } from "./parameters";
import type { User } from "./user-records";

export type { User } from "./user-records";

/** What verifying a password needs: injected, so that a test can count (or replace) the argon2 work. */
export type PasswordHasher = {
  hash(password: string): Promise<string>;
  /** False also for a malformed hash. */
  verify(hash: string, password: string): Promise<boolean>;
  /** True when `hash` was not made with argon2id and the current parameters. */
  needsRehash(hash: string): boolean;
};

/** argon2id with PASSWORD_HASHING (m = 19 MiB, t = 2, p = 1). */
export const argon2idHasher: PasswordHasher = {
  hash: (password) => argon2.hash(password, { type: argon2.argon2id, ...PASSWORD_HASHING }),
  verify: (hash, password) => argon2.verify(hash, password).catch(() => false),
  needsRehash(hash) {
    if (!hash.startsWith("$argon2id$")) return true;
    try {
      return argon2.needsRehash(hash, PASSWORD_HASHING);
    } catch {
      return true;
    }
  },
};

export type PasswordDependencies = { db: AuthDatabase; passwords: PasswordHasher };

/** A user whose password was verified, with the account's state (the login form decides on it). */
export type VerifiedAccount = User & { mustChangePassword: boolean; disabledAt: Date | null };

type LoginRow = VerifiedAccount & { passwordHash: string };

// A hash to verify against when the user does not exist, made with the same parameters, so that the
// time taken does not reveal which usernames are registered. One per hasher.
const dummyHashes = new WeakMap<PasswordHasher, Promise<string>>();

/**
 * Checks a username and password (RFC 6749 §3.1 leaves user authentication to the AS). On success, a
 * hash made with older parameters is replaced by one made with the current ones (the password is known
 * only now).
 */
export async function verifyPassword(deps: PasswordDependencies, username: string, password: string): Promise<VerifiedAccount | null> {
  const [user] =
    username.length <= 200 && isStorableText(username)
      ? await authSql(deps.db).query<LoginRow>(AUTH_STATEMENTS.userForLogin, [username.trim().toLowerCase()])
      : [];
  if (!user) {
    let dummy = dummyHashes.get(deps.passwords);
    if (!dummy) {
      dummy = deps.passwords.hash("not-a-password");
      dummyHashes.set(deps.passwords, dummy);
    }
    await deps.passwords.verify(await dummy, password);
    return null;
  }
  if (!(await deps.passwords.verify(user.passwordHash, password))) return null;
  if (deps.passwords.needsRehash(user.passwordHash)) {
    const passwordHash = await deps.passwords.hash(password);
    // Only if nobody changed it meanwhile.
    await deps.db.user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash } });
  }
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    name: user.name,
    mustChangePassword: user.mustChangePassword,
    disabledAt: user.disabledAt,
  };
}
