// Step 1: what the client prepares before sending the browser anywhere.
import "server-only";
import { buildAuthorizationUrl, prepareAuthorizationRequest } from "@/lib/oauth-client/authorization-request";
import type { GuidedContext } from "./context";
import type { GuidedFlow } from "./flow";
import { newFlowId } from "./flows";
import { openFlowTrace } from "./trace";

/**
 * Step 1, RFC 6749 §4.1.1 (https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1) and RFC 7636 §4.1–4.2:
 * fresh `state`, `nonce` and PKCE pair from the client core, and the authorization URL built from
 * them (kept as it is: step 2 shows it and sends the browser to it). Teaching only: opens the flow's
 * trace at the AS; if that fails, the flow goes on without server traces.
 */
export async function prepareLoginRequest(context: GuidedContext): Promise<GuidedFlow> {
  const prepared = await prepareAuthorizationRequest();
  const authorization_url = buildAuthorizationUrl(
    context.as,
    // OpenID Connect Core §11: LabMail honours offline_access (a refresh token) only with prompt=consent.
    { client_id: context.client.client_id, redirect_uri: context.redirect_uri, scope: context.scope, prompt: "consent" },
    prepared,
  ).href;
  const now = new Date().toISOString();
  return {
    id: newFlowId(),
    started_at: now,
    ...prepared,
    authorization_url,
    trace_capability: await openFlowTrace(prepared.state, context),
    refreshes: [],
    errors: {},
    phase_started_at: { authorize: now },
    transcript: [],
    checks: [],
  };
}
