import type { AuthSql, Grant, RefreshToken } from "@oauth-flow-lab/db/auth";
import type { RegisteredClient } from "../../client-authentication";
import type { ProtocolDependencies } from "../../dependencies";
import type { AccessTokenId } from "../../tokens";
import type { User } from "../../user-records";

/** What the checks on the request alone read and establish (RFC 6749 §6). */
export type RefreshRequestContext = {
  client: RegisteredClient;
  body: URLSearchParams;
  refresh_token?: string;
  scope?: string;
  /** The scope asked for, parsed; undefined when the request keeps the original scope. */
  requested?: string[];
};

/** What the rotation checks read and establish (the rotation itself is one atomic statement). */
export type RefreshRotationContext = {
  deps: ProtocolDependencies;
  sql: AuthSql;
  client: RegisteredClient;
  tokenHash: string;
  requested: string[] | undefined;
  accessTokenId: AccessTokenId;
  /** With its grant, and of the grant's client what the client's registration decides now. */
  token?: RefreshToken & { grant: Grant };
  /** The grant's user, read with the token (null if the account is gone): the access token's `email`. */
  user?: User | null;
  /** Set when a spent token comes back: the whole grant is revoked after the transaction (RFC 9700 §4.14.2). */
  reusedGrant?: string;
  /** The new refresh token (rotation). */
  refresh_token?: string;
  /** The scope of the new access token. */
  scope?: string;
  /** The scope of the successor refresh token: the grant's, less what the client may no longer use. */
  grantScope?: string;
};
