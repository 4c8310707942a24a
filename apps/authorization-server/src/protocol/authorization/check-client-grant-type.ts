import { defineCheck, InvalidRequest, required } from "@oauth-flow-lab/oauth";
import type { RegisteredClient } from "../client-authentication";
import type { AuthorizationContext } from "./authorization-request";

/** RFC 6749 §4.1.2.1: a client registered without authorization_code may not start this flow. */
export function checkClientGrantType(client: RegisteredClient): void {
  if (!client.grantTypes.includes("authorization_code")) {
    throw new InvalidRequest("this client may not use the authorization code flow");
  }
}

export const clientGrantTypeCheck = defineCheck<AuthorizationContext>({
  id: "check-client-grant-type",
  rfc: "RFC 6749 §4.1.2.1",
  title: "This client may use the authorization code flow",
  run(ctx) {
    checkClientGrantType(required(ctx.client, "the client"));
  },
});
