import type { AuthorizationCode, Grant, SqlQuery } from "@oauth-flow-lab/db/auth";
import type { RegisteredClient } from "../../client-authentication";
import type { ProtocolDependencies } from "../../dependencies";
import type { AccessTokenId } from "../../tokens";
import type { User } from "../../user-records";

/**
 * The request's parameters, once read and checked (RFC 6749 §4.1.3, RFC 7636 §4.5). code_verifier is
 * undefined only for an attack lab twin with PKCE optional (client-policy.ts).
 */
export type CodeExchangeParameters = { code: string; redirect_uri: string; code_verifier: string | undefined };

/** What the checks on the request alone read and establish. */
export type CodeRequestContext = {
  client: RegisteredClient;
  body: URLSearchParams;
  params?: CodeExchangeParameters;
};

/**
 * What the checks inside the redemption transaction read and establish. A refusal there still
 * commits the transaction: a code that was presented once is spent, whatever came next.
 */
export type CodeRedemptionContext = {
  deps: ProtocolDependencies;
  /** Runs a statement in the redemption transaction. */
  query: SqlQuery;
  client: RegisteredClient;
  params: CodeExchangeParameters;
  accessTokenId: AccessTokenId;
  code?: AuthorizationCode & { grant: Grant };
  /** The grant's user, read with the code (null if the account is gone). */
  user?: User | null;
  /** Set when the code was already used: its grant is revoked after the transaction (RFC 6749 §4.1.2). */
  replayedGrant?: string;
  refresh_token?: string;
};
