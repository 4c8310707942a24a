// The scopes the dashboard asks for, chosen from the shared list (and its consent wording).
import { CLIENTS } from "@oauth-flow-lab/lab";
import { formatScope, SCOPES, type Scope } from "@oauth-flow-lab/oauth";

/**
 * openid profile email: who the user is (OpenID Connect Core §5.4); offline_access: a refresh token
 * (§11); mail.read: list and open messages. mail.send is asked for only when Compose first needs it
 * (incremental consent; RFC 9700 §2.3: least privilege).
 */
export const DASHBOARD_SCOPES = CLIENTS.dashboard.requested_scope;

/** The scope Compose needs (the mail API's POST /v1/messages). */
export const SEND_SCOPE = "mail.send" satisfies Scope;

/** The sign-in scope plus mail.send: what Compose asks LabMail for. */
export const COMPOSE_SCOPE = formatScope([...DASHBOARD_SCOPES, SEND_SCOPE]);

/** The `scope` parameter of the authorization request (RFC 6749 §3.3). */
export const DASHBOARD_SCOPE = formatScope(DASHBOARD_SCOPES);

/** What the consent screen will ask the user, in the authorization server's own words. */
export const DASHBOARD_SCOPE_DESCRIPTIONS = DASHBOARD_SCOPES.map((scope) => ({ scope, ...SCOPES[scope] }));
