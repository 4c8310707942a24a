// The authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3, OpenID Connect Core §3.1.2.1) and the
// error that may be sent back to the client (§4.1.2.1) once its redirect_uri is verified.

import type { PrismaClient } from "@oauth-flow-lab/db/auth";
import type { AuthorizationParameterName, OAuthError } from "@oauth-flow-lab/oauth";
import type { RegisteredClient } from "../client-authentication";

export { AUTHORIZATION_PARAMETERS } from "@oauth-flow-lab/oauth";

export type RawAuthorizationParameters = Partial<Record<AuthorizationParameterName, string>>;

/** A fully validated authorization request, as stored in the interaction while the user logs in. */
export type AuthorizationRequest = {
  client_id: string;
  redirect_uri: string;
  response_type: "code";
  scope: string[];
  state: string | undefined;
  /** Undefined only for an attack lab twin whose PKCE is optional (client-policy.ts) and that sent none. */
  code_challenge: string | undefined;
  code_challenge_method: "S256" | undefined;
  nonce: string | undefined;
  prompt: ("none" | "login" | "consent")[];
  /** OpenID Connect Core §3.1.2.1: seconds a session may be old; undefined when not asked for. */
  max_age: number | undefined;
};

/** An error that can safely go back to the (verified) redirect_uri with `state` and `iss` (RFC 9207). */
export class RedirectableError extends Error {
  constructor(
    readonly error: OAuthError,
    readonly redirect_uri: string,
    readonly state: string | undefined,
  ) {
    super(error.error_description);
  }
}

/** What the authorization endpoint's checks read and establish, in the order they run. */
export type AuthorizationContext = {
  db: Pick<PrismaClient, "client">;
  query: URLSearchParams;
  params?: RawAuthorizationParameters;
  client?: RegisteredClient;
  /** Set once verified: from then on, errors may go back to it (RFC 6749 §4.1.2.1). */
  redirect_uri?: string;
  response_type?: "code";
  scope?: string[];
  /** null: no challenge, which only an attack lab twin with PKCE optional may omit. */
  pkce?: { code_challenge: string; code_challenge_method: "S256" } | null;
  prompt?: AuthorizationRequest["prompt"];
  /** null: no max_age was sent. */
  max_age?: number | null;
};
