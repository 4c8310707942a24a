import { createClassAccounts, parseNames } from "@/console/class-accounts";
import { credentialSheet } from "@/console/credential-sheet";
import { consoleFormIsGenuine, currentTeacher } from "@/console/teacher-guard";
import { env } from "@/env";
import { db } from "@/lib/db";
import { seeOther } from "@/lib/http";
import { readFormBody } from "@/protocol/parameters";
import { argon2idHasher } from "@/protocol/users";
import { teachersOnly } from "../teachers-only";

export const dynamic = "force-dynamic";

/**
 * "Create accounts": one student account per pasted name. Answers with the printable sheet of their
 * one-time passwords (the only time they are shown); a refusal answers 303 back to the console.
 */
export async function POST(request: Request) {
  const teacher = await currentTeacher();
  if (!teacher) return teachersOnly();
  const back = (notice: string) => seeOther(new URL(`/console?notice=${notice}`, env().ISSUER));
  const form = await readFormBody(request).catch(() => new URLSearchParams());
  if (!consoleFormIsGenuine(teacher, request, form)) return back("csrf");
  const parsed = parseNames(form.get("names") ?? "");
  if (parsed.outcome === "invalid") return back(parsed.problem);
  const accounts = await createClassAccounts({ db: db(), now: () => new Date(), hash: argon2idHasher.hash }, teacher.user.id, parsed.names);
  return credentialSheet(accounts, accounts.length === 1 ? "1 new account" : `${accounts.length} new accounts`);
}
