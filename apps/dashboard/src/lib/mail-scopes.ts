// The scope each mail action needs (the mail API's routes), and the incremental-consent request that
// adds one of them to what the user already allowed MailDash.
import { formatScope, hasScopes, isScope, SCOPES, type Scope } from "@oauth-flow-lab/oauth";
import { DASHBOARD_SCOPES, SEND_SCOPE } from "./oauth/scopes";

/** GET /v1/messages and GET /v1/messages/{id}. */
export const READ_SCOPE = "mail.read" satisfies Scope;
/** PATCH /v1/messages/{id}: mark read or unread. */
export const MODIFY_SCOPE = "mail.modify" satisfies Scope;
export { SEND_SCOPE };

/** Whether the session's token carries `scope`. */
export function tokenHas(tokenScope: string | undefined, scope: Scope): boolean {
  return tokenScope !== undefined && hasScopes(tokenScope, [scope]);
}

/**
 * The `scope` to ask LabMail for when an action needs `needed`: the sign-in scopes, what the current
 * token already carries (so that allowing mail.modify does not drop mail.send), and `needed`.
 */
export function scopeAdding(tokenScope: string | undefined, needed: Scope): string {
  const current = (tokenScope ?? "").split(" ").filter(isScope);
  return formatScope([...new Set<string>([...DASHBOARD_SCOPES, ...current, needed])]);
}

/** The consent screen's wording of a scope ("Organize your mail"). */
export function scopeTitle(scope: Scope): string {
  return SCOPES[scope].title;
}
