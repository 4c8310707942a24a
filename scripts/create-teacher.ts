// `npm run teacher:create -- <username> "<Full Name>"`: creates a teacher account at the authorization
// server (outside the demo, which seeds one) and prints its one-time password, to be changed at the
// first login. Uses AUTH_DATABASE_URL, or the demo's embedded database (the demo must be running).
import { PASSWORD_HASHING } from "@oauth-flow-lab/lab";
import argon2 from "argon2";
import { createTeacherAccount, TeacherAccountRefused } from "../apps/authorization-server/src/console/teacher-account.ts";
import { createAuthDb } from "../packages/db/src/auth.ts";
import { defaultDatabaseUrls } from "../packages/db/src/migration-adapter.ts";

const [username, name, ...rest] = process.argv.slice(2);
if (username === undefined || name === undefined || rest.length > 0) {
  console.error('Usage: npm run teacher:create -- <username> "<Full Name>"');
  process.exit(2);
}

const db = createAuthDb(process.env.AUTH_DATABASE_URL ?? defaultDatabaseUrls.auth);
try {
  const teacher = await createTeacherAccount(
    { db, hash: (password) => argon2.hash(password, { type: argon2.argon2id, ...PASSWORD_HASHING }) },
    { username, name },
  );
  console.log(`Teacher account created: ${teacher.username}`);
  console.log(`One-time password: ${teacher.password}`);
  console.log("Shown only now. Sign in with it (from MailDash, say): LabMail then asks for a new password.");
  console.log("Then open the teacher console at <issuer>/console (linked from the account page).");
} catch (error) {
  if (!(error instanceof TeacherAccountRefused)) throw error;
  console.error(`Refused: ${error.message}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
