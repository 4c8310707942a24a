// RFC 7662: token introspection, for resource servers, as an ordered list of checks, one per file
// (client authentication and the body checks are shared with the token endpoint). Only clients
// registered for it may ask (§2.1); an inactive, unknown, expired or revoked token gets only
// {"active": false} (§2.2), never a reason.
import { type Check, type CheckLog, runChecks } from "@oauth-flow-lab/oauth";
import { clientAuthenticationCheckFor, ENDPOINT_AUTHENTICATION_METHODS } from "../client-authentication";
import type { ProtocolDependencies } from "../dependencies";
import { formBodyCheck, singleValuedParametersCheck, tokenParameterCheck } from "../shared-checks";
import { introspectionAllowedCheck } from "./check-introspection-allowed";
import { INTROSPECTION_PARAMETERS, type IntrospectionContext } from "./context";
import { tokenStateStep } from "./find-token-state";

export type IntrospectionResponse =
  | { active: false }
  | {
      active: true;
      token_type: "Bearer";
      scope: string;
      client_id: string;
      sub: string;
      aud: string | string[] | undefined;
      iss: string;
      exp: number;
      iat: number | undefined;
      jti: string;
    };

export const INTROSPECTION_CHECKS: readonly Check<IntrospectionContext>[] = [
  formBodyCheck,
  singleValuedParametersCheck(INTROSPECTION_PARAMETERS),
  clientAuthenticationCheckFor(ENDPOINT_AUTHENTICATION_METHODS.introspection),
  introspectionAllowedCheck,
  tokenParameterCheck("RFC 7662 §2.1"),
  tokenStateStep,
];

/** RFC 7662 §2.1, §2.2: the state of an access token, for an authenticated resource server. */
export async function introspectToken(deps: ProtocolDependencies, request: Request, log?: CheckLog): Promise<IntrospectionResponse> {
  const ctx: IntrospectionContext = { deps, request };
  await runChecks(INTROSPECTION_CHECKS, ctx, log);
  const token = ctx.active;
  if (!token) return { active: false };
  return {
    active: true,
    token_type: "Bearer",
    scope: token.scope,
    client_id: token.client_id,
    sub: token.sub,
    aud: token.aud,
    iss: deps.config.issuer,
    exp: token.exp,
    iat: token.iat,
    jti: token.jti,
  };
}
