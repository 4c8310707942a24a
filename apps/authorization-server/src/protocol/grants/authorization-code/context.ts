import type { AuthorizationCode, Grant } from "@oauth-flow-lab/db/auth";
import type { RegisteredClient } from "../../client-authentication";
import type { AuthTransaction, ProtocolDependencies } from "../../dependencies";
import type { AccessTokenId } from "../../tokens";

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
  tx: AuthTransaction;
  client: RegisteredClient;
  params: CodeExchangeParameters;
  accessTokenId: AccessTokenId;
  code?: AuthorizationCode & { grant: Grant };
  /** Set when the code was already used: its grant is revoked after the transaction (RFC 6749 §4.1.2). */
  replayedGrant?: string;
  refresh_token?: string;
};
