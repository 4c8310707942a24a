import type { RegisteredClient } from "../client-authentication";
import type { ProtocolDependencies } from "../dependencies";
import type { LoginSession } from "../sessions";

/** OpenID Connect RP-Initiated Logout 1.0 §2: the parameters this endpoint reads (others are ignored). */
export const END_SESSION_PARAMETERS = ["id_token_hint", "client_id", "post_logout_redirect_uri", "state"] as const;

/** The ID token named by `id_token_hint`, once its signature and issuer are verified. */
export type IdTokenHint = { sub: string; aud: string };

/** What the end-session endpoint's checks read and establish, in the order they run. */
export type EndSessionContext = {
  deps: ProtocolDependencies;
  query: URLSearchParams;
  /** The browser's AS session, if any. */
  session: LoginSession | null;
  /** True only for the AS's own confirmation form, sent by POST (a cross-site GET can never confirm). */
  confirmed: boolean;
  params?: Partial<Record<(typeof END_SESSION_PARAMETERS)[number], string>>;
  hint?: IdTokenHint | null;
  client?: RegisteredClient | null;
  /** The verified post_logout_redirect_uri, or null: the AS's own "signed out" page. */
  post_logout_redirect_uri?: string | null;
  /** True when the user must first say "yes, sign me out" (§2). */
  confirmationNeeded?: boolean;
};
