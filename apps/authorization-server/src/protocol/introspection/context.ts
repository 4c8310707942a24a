import type { RegisteredClient } from "../client-authentication";
import type { ProtocolDependencies } from "../dependencies";
import type { OwnAccessToken } from "../own-access-tokens";

export const INTROSPECTION_PARAMETERS = ["token", "token_type_hint", "client_id", "client_secret"] as const;

/** What the introspection endpoint's checks read and establish, in the order they run. */
export type IntrospectionContext = {
  deps: ProtocolDependencies;
  request: Request;
  body?: URLSearchParams;
  params?: Partial<Record<(typeof INTROSPECTION_PARAMETERS)[number], string>>;
  client?: RegisteredClient;
  /** The token, when it is active (undefined: inactive, for whatever reason). */
  active?: OwnAccessToken;
};
