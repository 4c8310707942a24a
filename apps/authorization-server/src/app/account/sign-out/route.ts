import { checkAccountCsrf, currentAccount } from "@/accounts/account-session";
import { env } from "@/env";
import { seeOther } from "@/lib/http";
import { readFormBody } from "@/protocol/parameters";
import { deleteSession, SESSION_COOKIE, sessionCookieOptions } from "@/protocol/sessions";

export const dynamic = "force-dynamic";

/** "Sign out" on the account page: ends the AS session (its row, then its cookie). Answers 303. */
export async function POST(request: Request) {
  const account = await currentAccount();
  const to = (notice: string) => new URL(`/account?notice=${notice}`, env().ISSUER);
  if (!account) return seeOther(to("signed-out"));
  const form = await readFormBody(request).catch(() => new URLSearchParams());
  if (!checkAccountCsrf(account, form.get("csrf_token"))) return seeOther(to("csrf"));
  await deleteSession(account.cookieValue);
  const response = seeOther(to("signed-out"));
  response.headers.append("Set-Cookie", expiredCookie(sessionCookieOptions(0)));
  return response;
}

/** The session cookie, expired: the browser deletes it. */
function expiredCookie(options: { path: string; secure: boolean }): string {
  return `${SESSION_COOKIE}=; Path=${options.path}; Max-Age=0; HttpOnly; SameSite=Lax${options.secure ? "; Secure" : ""}`;
}
