import type { RegisteredClient } from "../client-authentication";
import type { ProtocolDependencies } from "../dependencies";

export const REVOCATION_PARAMETERS = ["token", "token_type_hint", "client_id", "client_secret"] as const;

/** What the revocation endpoint's checks read and establish, in the order they run. */
export type RevocationContext = {
  deps: ProtocolDependencies;
  request: Request;
  body?: URLSearchParams;
  params?: Partial<Record<(typeof REVOCATION_PARAMETERS)[number], string>>;
  client?: RegisteredClient;
};
