import { InvalidClientOrRedirectUri } from "@oauth-flow-lab/oauth";
import { findClient, type RegisteredClient } from "../clients";
import type { RawAuthorizationParameters } from "./authorization-request";

/** RFC 6749 §4.1.2.1: an unknown client_id is shown to the user, never redirected. */
export async function checkClient(params: RawAuthorizationParameters): Promise<RegisteredClient> {
  if (!params.client_id) throw new InvalidClientOrRedirectUri("the client_id parameter is missing");
  const client = await findClient(params.client_id);
  if (!client) throw new InvalidClientOrRedirectUri("this client_id is not registered");
  return client;
}
