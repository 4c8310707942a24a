import { checkAccountCsrf, currentAccount } from "@/accounts/account-session";
import { revokeConnectedApp } from "@/accounts/connected-apps";
import { env } from "@/env";
import { db } from "@/lib/db";
import { seeOther } from "@/lib/http";
import { readFormBody } from "@/protocol/parameters";

export const dynamic = "force-dynamic";

/** "Revoke" under "Connected apps": ends every grant of this user to that client. Answers 303. */
export async function POST(request: Request) {
  const account = await currentAccount();
  const to = (notice?: string) => new URL(`/account${notice ? `?notice=${notice}` : ""}`, env().ISSUER);
  if (!account) return seeOther(to());
  const form = await readFormBody(request).catch(() => new URLSearchParams());
  if (!checkAccountCsrf(account, form.get("csrf_token"))) return seeOther(to("csrf"));
  const clientId = form.get("client_id") ?? "";
  if (clientId === "" || clientId.length > 200) return seeOther(to());
  await revokeConnectedApp({ db: db(), now: () => new Date() }, account.user.id, clientId);
  return seeOther(to("revoked"));
}
