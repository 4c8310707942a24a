import type { RegisteredClient } from "../client-authentication";
import type { ProtocolDependencies } from "../dependencies";
import type { GrantType } from "../grants";

/** The token endpoint's own parameters (each grant reads its own). */
export const TOKEN_PARAMETERS = ["grant_type", "client_id", "client_secret"] as const;

/** What the token endpoint's checks read and establish, in the order they run. */
export type TokenContext = {
  deps: ProtocolDependencies;
  request: Request;
  body?: URLSearchParams;
  params?: Partial<Record<(typeof TOKEN_PARAMETERS)[number], string>>;
  client?: RegisteredClient;
  grant_type?: GrantType;
};
