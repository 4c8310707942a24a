import { defineCheck, required, UnauthorizedClient } from "@oauth-flow-lab/oauth";
import type { IntrospectionContext } from "./context";

/** RFC 7662 §2.1: "the endpoint MUST also require some form of authorization": only resource servers. */
export const introspectionAllowedCheck = defineCheck<IntrospectionContext>({
  id: "introspection-allowed",
  rfc: "RFC 7662 §2.1",
  title: "This client is a resource server allowed to introspect",
  run(ctx) {
    if (!required(ctx.client, "the client").introspectionAllowed) throw new UnauthorizedClient("this client may not introspect tokens");
  },
});
