import { defineCheck, InvalidScope, isScope, parseScope, required } from "@oauth-flow-lab/oauth";
import type { RegisteredClient } from "../client-authentication";
import type { AuthorizationContext, RawAuthorizationParameters } from "./authorization-request";

/** RFC 6749 §3.3: every requested scope must be known and allowed for this client. */
export function checkScope(client: RegisteredClient, params: RawAuthorizationParameters): string[] {
  const scopes = parseScope(params.scope ?? "");
  if (scopes === undefined) throw new InvalidScope("the scope parameter is malformed");
  if (scopes.length === 0) throw new InvalidScope("the scope parameter is missing");
  for (const scope of scopes) {
    if (!isScope(scope)) throw new InvalidScope(`unknown scope "${scope}"`);
    if (!client.allowedScopes.includes(scope)) throw new InvalidScope(`scope "${scope}" is not allowed for this client`);
  }
  return scopes;
}

export const scopeCheck = defineCheck<AuthorizationContext>({
  id: "check-scope",
  rfc: "RFC 6749 §3.3",
  title: "Every scope is known and allowed for this client",
  run(ctx) {
    const scope = checkScope(required(ctx.client, "the client"), required(ctx.params, "the parameters"));
    ctx.scope = scope;
    return { detail: scope.join(" ") };
  },
});
