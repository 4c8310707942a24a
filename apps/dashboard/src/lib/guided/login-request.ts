// Step 1: what the client prepares before sending the browser anywhere.
import "server-only";
import { randomBytes } from "node:crypto";
import { calculateCodeChallenge, generateCodeVerifier, traceIdOf } from "@oauth-flow-lab/oauth";
import type { GuidedFlow } from "./flow";
import { newFlowId } from "./flows";

/**
 * Step 1. Fresh, unguessable values for one login:
 * - `state` (RFC 6749 §10.12, https://www.rfc-editor.org/rfc/rfc6749#section-10.12): binds the
 *   response to this browser's request (CSRF);
 * - `nonce` (OpenID Connect Core §3.1.2.1): binds the ID token to this login (replay);
 * - `code_verifier` and its S256 `code_challenge` (RFC 7636 §4.1–4.2,
 *   https://www.rfc-editor.org/rfc/rfc7636#section-4.1): only whoever holds the verifier can redeem the code.
 */
export async function prepareLoginRequest(): Promise<GuidedFlow> {
  const state = randomBytes(32).toString("base64url");
  const code_verifier = generateCodeVerifier();
  const now = new Date().toISOString();
  return {
    id: newFlowId(),
    started_at: now,
    state,
    nonce: randomBytes(32).toString("base64url"),
    code_verifier,
    code_challenge: calculateCodeChallenge(code_verifier),
    trace_id: await traceIdOf(state),
    refreshes: [],
    errors: {},
    phase_started_at: { authorize: now },
    transcript: [],
    checks: [],
  };
}
