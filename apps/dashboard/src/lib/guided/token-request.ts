// Step 4: the token request, server to server (back channel).
import "server-only";
import { z } from "zod";
import { oauthErrorFromResponse, TRACE_HEADER } from "@oauth-flow-lab/oauth";
import { clientSecretBasic } from "@/lib/oauth/client-authentication";
import { epochSeconds, expiresAt } from "@/lib/oauth/token-expiry";
import type { GuidedContext } from "./context";
import type { GuidedFlow, TokenSet } from "./flow";
import { recordingFetch } from "./recording-fetch";
import type { HttpRequestRecord } from "./transcript";

/** RFC 6749 §4.1.3: the grant type of the code exchange. */
export const AUTHORIZATION_CODE_GRANT_TYPE = "authorization_code";

/**
 * Step 4, RFC 6749 §4.1.3 (https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3): the exact request
 * that will be sent, so the page can show it before it goes. The client authenticates with
 * `client_secret_basic` (§2.3.1); the `code_verifier` proves it started this flow (RFC 7636 §4.5).
 */
export function authorizationCodeGrantRequest(flow: GuidedFlow, context: GuidedContext): HttpRequestRecord | undefined {
  if (flow.authorization_response?.kind !== "code") return undefined;
  return {
    method: "POST",
    url: context.metadata.token_endpoint,
    headers: {
      authorization: clientSecretBasic(context.client),
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
      // Teaching only: names this flow in the AS's trace; ignored by the protocol.
      [TRACE_HEADER]: flow.trace_id,
    },
    body: new URLSearchParams({
      grant_type: AUTHORIZATION_CODE_GRANT_TYPE,
      code: flow.authorization_response.code,
      redirect_uri: context.redirect_uri,
      code_verifier: flow.code_verifier,
    }).toString(),
  };
}

/** RFC 6749 §5.1 with OpenID Connect Core §3.1.3.3 (id_token). */
const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().refine((t) => t.toLowerCase() === "bearer", "token_type must be Bearer (RFC 6750)"),
  expires_in: z.number().int().positive().optional(),
  refresh_token: z.string().min(1).optional(),
  id_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});
const errorResponseSchema = z.object({ error: z.string().min(1), error_description: z.string().optional() });

/**
 * Step 4 → 5, RFC 6749 §4.1.4 and §5.1–5.2: reads the token response. Throws the shared OAuth error
 * class on an error response (§5.2), a plain Error on anything else.
 */
export async function processAuthorizationCodeResponse(response: Response): Promise<TokenSet> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new Error(`the token endpoint answered HTTP ${response.status} without JSON`);
  }
  if (!response.ok) {
    const error = errorResponseSchema.safeParse(body);
    if (!error.success) throw new Error(`the token endpoint answered HTTP ${response.status}`);
    throw oauthErrorFromResponse(error.data.error, error.data.error_description, response.status);
  }
  const tokens = tokenResponseSchema.safeParse(body);
  if (!tokens.success) throw new Error("the token endpoint sent a malformed token response");
  return tokens.data;
}

/** Step 4: sends the request shown on the page, records it, and keeps the tokens in the flow. */
export async function sendTokenRequest(flow: GuidedFlow, context: GuidedContext): Promise<void> {
  const request = authorizationCodeGrantRequest(flow, context);
  if (!request) throw new Error("no authorization code yet: step 3 has not happened");
  flow.phase_started_at.token ??= new Date().toISOString();
  const response = await recordingFetch(flow, "4")(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    cache: "no-store",
    signal: AbortSignal.timeout(10_000),
  });
  flow.tokens = await processAuthorizationCodeResponse(response);
  flow.expires_at = expiresAt(flow.tokens.expires_in, epochSeconds());
}
