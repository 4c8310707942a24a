// Step 4: the code exchange, server to server (back channel), through the client core; then the
// UserInfo request (step 5). Every request is recorded by the recording fetch as the library sent it.
import "server-only";
import { TRACE_CAPABILITY_HEADER } from "@oauth-flow-lab/lab";
import { epochSeconds, expiresAt } from "@/lib/oauth/token-expiry";
import { validateAuthorizationResponse } from "@/lib/oauth-client/authorization-response";
import { exchangeAuthorizationCode } from "@/lib/oauth-client/code-exchange";
import { requestUserInfo } from "@/lib/oauth-client/userinfo";
import type { GuidedContext } from "./context";
import type { GuidedFlow } from "./flow";
import { recordingFetch } from "./recording-fetch";

/** One item of the plain description of a request that has not been sent yet. */
export type PlannedParameter = { name: string; value: string; why: string };

/**
 * Step 4, before sending: what the token request will carry (RFC 6749 §4.1.3, §2.3.1; RFC 7636 §4.5),
 * in plain words. Not an HTTP dump: the exact request is shown once oauth4webapi has sent it.
 */
export function describeTokenRequest(
  flow: GuidedFlow,
  context: Pick<GuidedContext, "as" | "client" | "redirect_uri">,
): PlannedParameter[] | undefined {
  if (flow.authorization_response?.kind !== "code") return undefined;
  return [
    {
      name: "POST",
      value: context.as.token_endpoint ?? "(no token_endpoint advertised)",
      why: "LabMail's token endpoint, from its discovery document.",
    },
    { name: "grant_type", value: "authorization_code", why: "Exchanging an authorization code (RFC 6749 §4.1.3)." },
    { name: "code", value: flow.authorization_response.code, why: "The one-time code from step 3." },
    { name: "redirect_uri", value: context.redirect_uri, why: "The same redirect URI as in step 2: LabMail compares them." },
    {
      name: "code_verifier",
      value: flow.code_verifier,
      why: "The PKCE secret from step 1: LabMail hashes it and compares with the code_challenge of step 2 (RFC 7636 §4.6).",
    },
    {
      name: "Authorization",
      value: `Basic BASE64(${context.client.client_id}:client_secret)`,
      why: "The client authenticates with its id and secret (client_secret_basic, RFC 6749 §2.3.1).",
    },
    ...(flow.trace_capability !== undefined
      ? [{ name: TRACE_CAPABILITY_HEADER, value: "(hidden)", why: "Teaching only: names this flow's trace at LabMail. Not part of OAuth." }]
      : []),
  ];
}

/**
 * Step 4, RFC 6749 §4.1.3–4.1.4: exchanges the code with the client core, which also validates the ID
 * token (OpenID Connect Core §3.1.3.7, nonce included). Keeps the tokens and the validated claims in
 * the flow and reports oauth4webapi's verdict as the client's checks. Throws with the reason on failure.
 */
export async function exchangeGuidedCode(flow: GuidedFlow, context: GuidedContext): Promise<void> {
  const response = flow.authorization_response;
  if (response?.kind !== "code") throw new Error("no authorization code yet: step 3 has not happened");
  flow.phase_started_at.token ??= new Date().toISOString();
  flow.checks = flow.checks.filter((c) => c.step !== "5");
  try {
    const { tokens, id_token_claims } = await exchangeAuthorizationCode(
      context.as,
      {
        client: context.client,
        // The stored response, validated again by the client core (same state, same checks as step 3):
        // oauth4webapi exchanges only what its own validation returned.
        callback: validateAuthorizationResponse(context.as, context.client.client_id, new URLSearchParams(response.parameters), flow.state),
        redirect_uri: context.redirect_uri,
        code_verifier: flow.code_verifier,
        nonce: flow.nonce,
      },
      { fetch: recordingFetch(flow, "4") },
    );
    flow.tokens = tokens;
    flow.id_token_claims = id_token_claims ? { ...id_token_claims } : undefined;
    flow.expires_at = expiresAt(tokens.expires_in, epochSeconds());
    flow.checks.push(
      {
        step: "5",
        check: "ID token: alg is the registered ES256, iss is LabMail, aud is this client, exp and iat hold",
        ok: true,
        detail: "oauth4webapi processAuthorizationCodeResponse",
        rfc: "OpenID Connect Core §3.1.3.7",
      },
      { step: "5", check: "ID token: nonce is the one MailDash sent in step 2", ok: true, rfc: "OpenID Connect Core §3.1.3.7" },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    flow.checks.push({
      step: "5",
      check: "the token response and its ID token pass oauth4webapi's checks",
      ok: false,
      detail: message,
      rfc: "OpenID Connect Core §3.1.3.7",
    });
    throw error;
  }
}

/**
 * Step 5, OpenID Connect Core §5.3 (https://openid.net/specs/openid-connect-core-1_0.html#UserInfo):
 * asks LabMail's UserInfo endpoint who the access token belongs to, through the client core; §5.3.2:
 * its `sub` must be the ID token's. Never throws: a failure is kept for the step page.
 */
export async function requestGuidedUserInfo(flow: GuidedFlow, context: GuidedContext): Promise<void> {
  const sub = flow.id_token_claims?.["sub"];
  if (!flow.tokens || typeof sub !== "string" || !context.as.userinfo_endpoint) return;
  try {
    const userinfo = await requestUserInfo(
      context.as,
      { client_id: context.client.client_id, access_token: flow.tokens.access_token, expected_sub: sub },
      { fetch: recordingFetch(flow, "5") },
    );
    flow.userinfo = { ...userinfo };
    flow.checks.push({ step: "5", check: "UserInfo: sub is the ID token's sub", ok: true, detail: sub, rfc: "OpenID Connect Core §5.3.2" });
    delete flow.errors["5"];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    flow.checks.push({
      step: "5",
      check: "UserInfo: sub is the ID token's sub",
      ok: false,
      detail: message,
      rfc: "OpenID Connect Core §5.3.2",
    });
    flow.errors["5"] = `The UserInfo request failed: ${message}`;
  }
}
