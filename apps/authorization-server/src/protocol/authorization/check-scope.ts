import { InvalidScope, isScope, parseScope } from "@oauth-flow-lab/oauth";
import type { RegisteredClient } from "../clients";
import type { RawAuthorizationParameters } from "./authorization-request";

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
