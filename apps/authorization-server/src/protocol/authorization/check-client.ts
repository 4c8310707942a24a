import { defineCheck, InvalidClientOrRedirectUri, required } from "@oauth-flow-lab/oauth";
import { findClient, type RegisteredClient } from "../client-authentication";
import type { AuthorizationContext, RawAuthorizationParameters } from "./authorization-request";

/** RFC 6749 §4.1.2.1: an unknown client_id is shown to the user, never redirected. */
export async function checkClient(db: AuthorizationContext["db"], params: RawAuthorizationParameters): Promise<RegisteredClient> {
  if (!params.client_id) throw new InvalidClientOrRedirectUri("the client_id parameter is missing");
  const client = await findClient(db, params.client_id);
  if (!client) throw new InvalidClientOrRedirectUri("this client_id is not registered");
  return client;
}

export const clientCheck = defineCheck<AuthorizationContext>({
  id: "check-client",
  rfc: "RFC 6749 §2.2",
  title: "client_id is a registered client",
  async run(ctx) {
    const client = await checkClient(ctx.db, required(ctx.params, "the parameters"));
    ctx.client = client;
    return { detail: `${client.id} (${client.name})` };
  },
});
