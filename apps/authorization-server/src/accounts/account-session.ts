// Who is signed in at the AS, for the account page and its forms: the AS session cookie, its user, and
// the CSRF token its forms carry (protocol/sessions.ts sessionCsrfToken).
import "server-only";
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import { safeEqual } from "@/lib/random";
import { findSession, SESSION_COOKIE, sessionCsrfToken } from "@/protocol/sessions";
import { findUser, type User } from "@/protocol/user-records";

export type AccountSession = { user: User; authTime: Date; csrfToken: string; cookieValue: string };

/** The signed-in user of this browser, or null. */
export async function currentAccount(): Promise<AccountSession | null> {
  const cookieValue = (await cookies()).get(SESSION_COOKIE)?.value;
  const session = await findSession(cookieValue);
  if (!session || !cookieValue) return null;
  const user = await findUser(db(), session.userId);
  if (!user) return null;
  return { user, authTime: session.authTime, csrfToken: sessionCsrfToken(cookieValue), cookieValue };
}

/** True when the submitted form's csrf_token is this session's. */
export function checkAccountCsrf(account: AccountSession, submitted: string | null): boolean {
  return submitted !== null && safeEqual(account.csrfToken, submitted);
}
