// A teacher's class: accounts made from a pasted list of names, each with a one-time password shown
// once (on the sheet that answers the POST) and stored only as an argon2id hash; disabling an account
// (its sessions end, its grants are revoked, its logins refused) and resetting its password.
import { randomUUID } from "node:crypto";
import { MAIL_DOMAIN, TEACHER_CONSOLE } from "@oauth-flow-lab/lab";
import { checkDisplayName, DISPLAY_NAME_MAX_LENGTH } from "../accounts/signup-rules";
import type { AuthDatabase } from "../protocol/dependencies";
import { revokeGrant } from "../protocol/grants/revoke-grant";
import { generateOneTimePassword } from "./one-time-passwords";
import { deriveUsernames, usernameBase } from "./usernames";

export type ClassDependencies = {
  db: AuthDatabase;
  now: () => Date;
  /** argon2idHasher.hash (protocol/users.ts). */
  hash: (password: string) => Promise<string>;
};

/** What the printable sheet lists: the only place a one-time password ever appears. */
export type IssuedCredentials = { name: string; username: string; password: string };

/** Why a pasted list was refused, with the console's message for it. */
export const NAMES_MESSAGES = {
  names_empty: "Paste at least one name, one per line.",
  names_too_many: `Create at most ${TEACHER_CONSOLE.maxNamesPerBatch} accounts at a time.`,
  names_invalid: `Each name must be 1 to ${DISPLAY_NAME_MAX_LENGTH} characters of text.`,
} as const;
export type NamesProblem = keyof typeof NAMES_MESSAGES;

export type NamesOutcome = { outcome: "ok"; names: string[] } | { outcome: "invalid"; problem: NamesProblem };

/** The pasted list: one name per line, blank lines ignored, each a valid display name, at most maxNamesPerBatch. */
export function parseNames(text: string): NamesOutcome {
  const names = text
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/\s+/g, " "))
    .filter((line) => line !== "");
  if (names.length === 0) return { outcome: "invalid", problem: "names_empty" };
  if (names.length > TEACHER_CONSOLE.maxNamesPerBatch) return { outcome: "invalid", problem: "names_too_many" };
  if (names.some((name) => checkDisplayName(name) !== undefined)) return { outcome: "invalid", problem: "names_invalid" };
  return { outcome: "ok", names };
}

/**
 * Creates one student account per name, created by this teacher, each with its own one-time password
 * (must be changed at the first login). Usernames: usernames.ts, unique against every existing account.
 */
export async function createClassAccounts(
  deps: ClassDependencies,
  teacherId: string,
  names: readonly string[],
): Promise<IssuedCredentials[]> {
  const passwords = names.map(() => generateOneTimePassword());
  const hashes = await Promise.all(passwords.map((password) => deps.hash(password)));
  // Two teachers creating "Ada Lovelace" at once: the unique index refuses one; derive again and retry.
  for (let attempt = 0; ; attempt++) {
    const bases = [...new Set(names.map(usernameBase))];
    const existing = await deps.db.user.findMany({
      where: { OR: bases.map((base) => ({ username: { startsWith: base } })) },
      select: { username: true },
    });
    const usernames = deriveUsernames(names, new Set(existing.map((u) => u.username)));
    try {
      await deps.db.$transaction(
        names.map((name, i) =>
          deps.db.user.create({
            data: {
              id: randomUUID(),
              username: usernames[i] ?? "",
              email: `${usernames[i]}@${MAIL_DOMAIN}`,
              name,
              passwordHash: hashes[i] ?? "",
              role: "student",
              mustChangePassword: true,
              createdById: teacherId,
            },
          }),
        ),
      );
      return names.map((name, i) => ({ name, username: usernames[i] ?? "", password: passwords[i] ?? "" }));
    } catch (error) {
      if (attempt >= 2 || (error as { code?: unknown }).code !== "P2002") throw error;
    }
  }
}

/** A student of this teacher's class, or null (another teacher's student, a teacher, or nobody). */
async function classStudent(deps: ClassDependencies, teacherId: string, userId: string) {
  if (userId.length > 100) return null;
  return deps.db.user.findFirst({
    where: { id: userId, createdById: teacherId, role: "student" },
    select: { id: true, username: true, name: true },
  });
}

/**
 * Disables a student's account: logins are refused (with the generic wrong-password message), its AS
 * sessions end, and every grant it gave is revoked (revokeGrant: refresh tokens at once, access tokens
 * marked revoked for introspection), its consents forgotten. Returns false if it is not this teacher's student.
 */
export async function disableAccount(deps: ClassDependencies, teacherId: string, userId: string): Promise<boolean> {
  const student = await classStudent(deps, teacherId, userId);
  if (!student) return false;
  await deps.db.user.update({ where: { id: student.id }, data: { disabledAt: deps.now() } });
  await endEverySession(deps, student.id);
  const grants = await deps.db.grant.findMany({ where: { userId: student.id, revokedAt: null }, select: { id: true } });
  for (const grant of grants) await revokeGrant(deps, grant.id);
  await deps.db.consent.deleteMany({ where: { userId: student.id } });
  return true;
}

/** Lets a disabled student log in again (their grants stay revoked). */
export async function enableAccount(deps: ClassDependencies, teacherId: string, userId: string): Promise<boolean> {
  const student = await classStudent(deps, teacherId, userId);
  if (!student) return false;
  await deps.db.user.update({ where: { id: student.id }, data: { disabledAt: null } });
  return true;
}

/**
 * A new one-time password for a student who forgot theirs: returned once, stored as its hash, to be
 * changed at the next login; the student's AS sessions end (a session opened with the old password
 * must not outlive it).
 */
export async function resetPassword(deps: ClassDependencies, teacherId: string, userId: string): Promise<IssuedCredentials | null> {
  const student = await classStudent(deps, teacherId, userId);
  if (!student) return null;
  const password = generateOneTimePassword();
  await deps.db.user.update({ where: { id: student.id }, data: { passwordHash: await deps.hash(password), mustChangePassword: true } });
  await endEverySession(deps, student.id);
  return { name: student.name, username: student.username, password };
}

async function endEverySession(deps: ClassDependencies, userId: string): Promise<void> {
  await deps.db.session.deleteMany({ where: { userId } });
}
