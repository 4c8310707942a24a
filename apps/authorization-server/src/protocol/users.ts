// Resource owners and their passwords (argon2id, RFC 9106 parameters via the argon2 package defaults).
import "server-only";
import argon2 from "argon2";
import { db } from "@/lib/db";
import { isStorableText } from "./parameters";
import type { User } from "./user-records";

export type { User } from "./user-records";

// A fixed hash to verify against when the user does not exist, so that timing does not reveal
// which usernames are registered.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(username: string, password: string): Promise<User | null> {
  const user =
    username.length <= 200 && isStorableText(username)
      ? await db().user.findUnique({ where: { username: username.trim().toLowerCase() } })
      : null;
  if (!user) {
    dummyHash ??= argon2.hash("not-a-password", { type: argon2.argon2id });
    await argon2.verify(await dummyHash, password).catch(() => false);
    return null;
  }
  const ok = await argon2.verify(user.passwordHash, password).catch(() => false);
  return ok ? { id: user.id, username: user.username, email: user.email, name: user.name } : null;
}
