// The first teacher of a LabMail outside the demo, made by `npm run teacher:create` (scripts/create-teacher.ts).
// Relative imports only, and no "server-only": the CLI runs this outside Next.js.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@oauth-flow-lab/db/auth";
import { MAIL_DOMAIN } from "@oauth-flow-lab/lab";
import { checkDisplayName, checkUsername, normalizeUsername, SIGNUP_MESSAGES } from "../accounts/signup-rules";
import { generateOneTimePassword } from "./one-time-passwords";

export type TeacherAccountDependencies = {
  db: Pick<PrismaClient, "user">;
  /** argon2id with PASSWORD_HASHING (protocol/users.ts argon2idHasher.hash, or the same call in the CLI). */
  hash: (password: string) => Promise<string>;
};

export class TeacherAccountRefused extends Error {}

/**
 * Creates a teacher account with a one-time password, returned here only (stored as its hash). The
 * teacher must replace it at the first login, before any authorization code is issued.
 */
export async function createTeacherAccount(
  deps: TeacherAccountDependencies,
  input: { username: string; name: string },
): Promise<{ username: string; password: string }> {
  const usernameProblem = checkUsername(input.username);
  if (usernameProblem) throw new TeacherAccountRefused(SIGNUP_MESSAGES[usernameProblem]);
  const nameProblem = checkDisplayName(input.name);
  if (nameProblem) throw new TeacherAccountRefused(SIGNUP_MESSAGES[nameProblem]);
  const username = normalizeUsername(input.username);
  if (await deps.db.user.findUnique({ where: { username }, select: { id: true } })) {
    throw new TeacherAccountRefused(`the username "${username}" is taken`);
  }
  const password = generateOneTimePassword();
  await deps.db.user.create({
    data: {
      id: randomUUID(),
      username,
      email: `${username}@${MAIL_DOMAIN}`,
      name: input.name.trim(),
      passwordHash: await deps.hash(password),
      role: "teacher",
      mustChangePassword: true,
    },
  });
  return { username, password };
}
