import { defineCheck, required, UnauthorizedClient } from "@oauth-flow-lab/oauth";
import type { TokenContext } from "./context";

/** RFC 6749 §5.2: unauthorized_client when the client is not registered for this grant type. */
export const clientGrantTypeCheck = defineCheck<TokenContext>({
  id: "client-grant-type",
  rfc: "RFC 6749 §5.2",
  title: "This client is registered for this grant_type",
  run(ctx) {
    const grant_type = required(ctx.grant_type, "the grant_type");
    if (!required(ctx.client, "the client").grantTypes.includes(grant_type)) {
      throw new UnauthorizedClient(`this client may not use ${grant_type}`);
    }
  },
});
