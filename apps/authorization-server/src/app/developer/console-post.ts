// What every POST of the developer console does first: the AS session, its CSRF token (bound to the
// session, protocol/sessions.ts sessionCsrfToken), the viewer's role. A refusal is a 303 back to a page.
import "server-only";
import { type AccountSession, checkAccountCsrf, currentAccount } from "@/accounts/account-session";
import { type ConsoleViewer, consoleViewer } from "@/console/developer/clients";
import { env } from "@/env";
import { db } from "@/lib/db";
import { seeOther } from "@/lib/http";
import { readFormBody } from "@/protocol/parameters";

export type ConsolePost = { account: AccountSession; viewer: ConsoleViewer; form: URLSearchParams };

/** A 303 to a console page (RFC 9700 §4.12: never 307 after a form POST). */
export function backTo(path: string, query: Record<string, string> = {}): Response {
  const search = new URLSearchParams(query).toString();
  return seeOther(new URL(`${path}${search ? `?${search}` : ""}`, env().ISSUER));
}

export async function readConsolePost(request: Request): Promise<ConsolePost | Response> {
  const account = await currentAccount();
  if (!account) return backTo("/developer");
  const form = await readFormBody(request).catch(() => new URLSearchParams());
  if (!checkAccountCsrf(account, form.get("csrf_token"))) return backTo("/developer", { error: "csrf" });
  const viewer = await consoleViewer({ db: db() }, account.user.id);
  if (!viewer) return backTo("/developer");
  return { account, viewer, form };
}

/** A client id as it may appear in a path: our own ids are short and plain. */
export function plausibleClientId(value: string): boolean {
  return value.length > 0 && value.length <= 200;
}

/**
 * A POST about one client (`/developer/clients/{id}/…`): readConsolePost, then an id that can be one.
 * A path that names no plausible client is a 303 back to /developer ("not_found"), like an unknown one.
 */
export async function readClientPost(
  request: Request,
  params: Promise<{ id: string }>,
): Promise<(ConsolePost & { id: string }) | Response> {
  const { id } = await params;
  const post = await readConsolePost(request);
  if (post instanceof Response) return post;
  if (!plausibleClientId(id)) return backTo("/developer", { error: "not_found" });
  return { ...post, id };
}
