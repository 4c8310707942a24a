// The developer console (issue 10): what a signed-in user may register at the AS, defined once. The AS's
// console validates against it, its pages say it, the tests and the README read it.
import type { Scope } from "@oauth-flow-lab/oauth";
import { CLIENTS } from "./clients.ts";

export const DEVELOPER_CONSOLE = {
  /** Clients one user may register (disabled ones count too: a limit that a disable would reset is none). */
  maxClientsPerUser: 5,
  /** Redirect URIs per client (RFC 6749 §3.1.2.2: each registered in full, compared exactly). */
  maxRedirectUris: 5,
  /** The longest redirect URI accepted. */
  maxRedirectUriLength: 500,
  /** A client name: 3 to 60 characters, no control or formatting characters. */
  nameMinLength: 3,
  nameMaxLength: 60,
  /** Registered client ids start with this, so that a log line tells a student's client from the lab's. */
  clientIdPrefix: "dev-",
  /**
   * The scopes a registered client may be allowed (a subset of these; mail.* are the mail API's).
   * The refresh_token grant is registered exactly when offline_access is (OpenID Connect Core §11).
   */
  allowedScopes: ["openid", "profile", "email", "offline_access", "mail.read", "mail.send", "mail.modify"],
  /**
   * RFC 7591 §2 token_endpoint_auth_method: a confidential client sends its secret in HTTP Basic
   * (RFC 6749 §2.3.1, the one the RFC says servers MUST support) or in the body; "none" is a public
   * client (RFC 6749 §2.1), protected by PKCE alone.
   */
  authMethods: ["client_secret_basic", "client_secret_post", "none"],
} as const satisfies {
  allowedScopes: readonly Scope[];
  authMethods: readonly string[];
  [fact: string]: unknown;
};

export type DeveloperAuthMethod = (typeof DEVELOPER_CONSOLE.authMethods)[number];

/**
 * Names a registered client may not take (compared without case, spaces or punctuation, and contained
 * anywhere in the name): the lab's own apps, so that a student's client never passes for MailDash or
 * for LabMail itself at the consent screen, which also always says who registered it.
 */
export const RESERVED_CLIENT_NAMES: readonly string[] = ["LabMail", CLIENTS.dashboard.name];
