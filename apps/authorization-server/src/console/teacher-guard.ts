// Who may use the teacher console: a signed-in AS session whose account has the role "teacher" (and is
// not disabled). Its forms are CSRF-protected twice, like the account page's and the sign-up form's:
// the session's synchronizer token (sessions.ts sessionCsrfToken) and the browser's fetch metadata
// (lib/http.ts postedFromThisSite).
import "server-only";
import { type AccountSession, checkAccountCsrf, currentAccount } from "@/accounts/account-session";
import { env } from "@/env";
import { db } from "@/lib/db";
import { postedFromThisSite } from "@/lib/http";

/** The signed-in teacher of this browser, or null (nobody signed in, or not a teacher). */
export async function currentTeacher(): Promise<AccountSession | null> {
  const account = await currentAccount();
  if (!account) return null;
  const user = await db().user.findUnique({ where: { id: account.user.id }, select: { role: true, disabledAt: true } });
  return user?.role === "teacher" && user.disabledAt === null ? account : null;
}

/** True when a console form comes from this teacher's console page (both CSRF defences hold). */
export function consoleFormIsGenuine(teacher: AccountSession, request: Request, form: URLSearchParams): boolean {
  return postedFromThisSite(request.headers, env().ISSUER) && checkAccountCsrf(teacher, form.get("csrf_token"));
}
