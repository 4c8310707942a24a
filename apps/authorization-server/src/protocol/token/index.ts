// The token endpoint (RFC 6749 §3.2): an ordered list of checks, one per file (the client
// authentication and body checks are shared with revocation and introspection), then the dispatch
// to the grant, which runs its own list. Layout of the AS's protocol code:
//   protocol/authorization/           the authorization endpoint's checks and their list
//   protocol/token/                   this endpoint: its checks and list, then dispatch
//   protocol/grants/<grant>/          one folder per grant: context, one check per file, the lists
//   protocol/userinfo/, revocation/, introspection/   the other endpoints, same shape
//   protocol/shared-checks.ts, client-authentication.ts   checks several endpoints run
// Every function takes its dependencies (database, clock, configuration, signer) as arguments.
import { type Check, type CheckLog, required, runChecks } from "@oauth-flow-lab/oauth";
import { clientAuthenticationCheck, clientEnabledCheck } from "../client-authentication";
import type { ProtocolDependencies } from "../dependencies";
import { GRANTS } from "../grants";
import { formBodyCheck, singleValuedParametersCheck } from "../shared-checks";
import type { TokenResponse } from "../tokens";
import { clientGrantTypeCheck } from "./check-client-grant-type";
import { grantTypeCheck } from "./check-grant-type";
import { noCredentialsInUrlCheck } from "./check-no-credentials-in-url";
import { TOKEN_PARAMETERS, type TokenContext } from "./context";

export const TOKEN_CHECKS: readonly Check<TokenContext>[] = [
  noCredentialsInUrlCheck,
  formBodyCheck,
  singleValuedParametersCheck(TOKEN_PARAMETERS),
  // Authenticated before grant_type is even looked at: an unauthenticated caller learns nothing.
  clientAuthenticationCheck,
  clientEnabledCheck,
  grantTypeCheck,
  clientGrantTypeCheck,
];

/** RFC 6749 §3.2, §5.1: authenticates the client, then runs the grant it asked for. */
export async function handleTokenRequest(deps: ProtocolDependencies, request: Request, log?: CheckLog): Promise<TokenResponse> {
  const ctx: TokenContext = { deps, request };
  await runChecks(TOKEN_CHECKS, ctx, log);
  const grant = GRANTS[required(ctx.grant_type, "the grant_type")];
  return grant(deps, required(ctx.client, "the client"), required(ctx.body, "the request body"), log);
}
