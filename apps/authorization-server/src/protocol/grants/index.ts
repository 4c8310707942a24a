// The grants the token endpoint dispatches to (RFC 6749 §4.1.3, §6), one folder per grant: each is
// its own ordered list of checks (one per file) and the function that runs them.
import type { CheckLog } from "@oauth-flow-lab/oauth";
import type { RegisteredClient } from "../client-authentication";
import type { ProtocolDependencies } from "../dependencies";
import type { TokenResponse } from "../tokens";
import { authorizationCodeGrant } from "./authorization-code";
import { refreshTokenGrant } from "./refresh-token";

export type GrantHandler = (
  deps: ProtocolDependencies,
  client: RegisteredClient,
  body: URLSearchParams,
  log?: CheckLog,
) => Promise<TokenResponse>;

export const GRANTS = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
} as const satisfies Record<string, GrantHandler>;

export type GrantType = keyof typeof GRANTS;

export function isSupportedGrantType(value: string): value is GrantType {
  return Object.hasOwn(GRANTS, value);
}
