// RFC 7009: token revocation, as an ordered list of checks, one per file (client authentication and
// the body checks are shared with the token endpoint). Revoking a refresh token ends its grant, and
// with it every access token issued under it; revoking an access token ends that token. The answer
// is 200 whether or not the token was valid (§2.2), so the endpoint cannot be used to probe tokens,
// and a client can only revoke its own tokens (§2.1).
import { type Check, type CheckLog, runChecks } from "@oauth-flow-lab/oauth";
import { clientAuthenticationCheckFor, ENDPOINT_AUTHENTICATION_METHODS } from "../client-authentication";
import type { ProtocolDependencies } from "../dependencies";
import { formBodyCheck, singleValuedParametersCheck, tokenParameterCheck } from "../shared-checks";
import { tokenTypeHintCheck } from "./check-token-type-hint";
import { REVOCATION_PARAMETERS, type RevocationContext } from "./context";
import { revokeTokenStep } from "./revoke-token";

export const REVOCATION_CHECKS: readonly Check<RevocationContext>[] = [
  formBodyCheck,
  singleValuedParametersCheck(REVOCATION_PARAMETERS),
  clientAuthenticationCheckFor(ENDPOINT_AUTHENTICATION_METHODS.revocation),
  tokenParameterCheck("RFC 7009 §2.1"),
  tokenTypeHintCheck,
  revokeTokenStep,
];

/** RFC 7009 §2.1: revokes the token if it is the authenticated client's. */
export async function revokeToken(deps: ProtocolDependencies, request: Request, log?: CheckLog): Promise<void> {
  const ctx: RevocationContext = { deps, request };
  await runChecks(REVOCATION_CHECKS, ctx, log);
}
