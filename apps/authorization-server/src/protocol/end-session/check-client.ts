import { defineCheck, InvalidRequest, required } from "@oauth-flow-lab/oauth";
import { findClient } from "../client-authentication";
import type { EndSessionContext } from "./context";

/**
 * RP-Initiated Logout 1.0 §2: the client is the ID token's audience or `client_id`; "When both
 * client_id and id_token_hint are present, the OP MUST verify that the Client Identifier matches the
 * one used when issuing the ID Token."
 */
export const endSessionClientCheck = defineCheck<EndSessionContext>({
  id: "client",
  rfc: "RP-Initiated Logout 1.0 §2",
  title: "client_id, if sent with id_token_hint, is the ID token's audience; the client is registered",
  async run(ctx) {
    const { client_id } = required(ctx.params, "the parameters");
    const hint = required(ctx.hint, "the id_token_hint");
    if (client_id !== undefined && hint !== null && client_id !== hint.aud) {
      throw new InvalidRequest("client_id is not the audience of id_token_hint");
    }
    const id = client_id ?? hint?.aud;
    if (id === undefined) {
      ctx.client = null;
      return { detail: "no client named" };
    }
    const client = await findClient(ctx.deps.db, id);
    if (!client) throw new InvalidRequest("the client is not registered");
    ctx.client = client;
    return { detail: client.id };
  },
});
