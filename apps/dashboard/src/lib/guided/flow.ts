// One guided flow's server-side state. Types only (pure), shared by the protocol modules and pages.

import type { GuidedStepId } from "./steps";
import type { TracePhase } from "./trace-events";
import type { ClientCheck, Exchange } from "./transcript";

/** RFC 6749 §5.1 (+ OpenID Connect Core §3.1.3.3): the token response, as oauth4webapi parsed it. */
export type TokenSet = {
  access_token: string;
  token_type: string;
  expires_in?: number | undefined;
  refresh_token?: string | undefined;
  id_token?: string | undefined;
  scope?: string | undefined;
};

/** RFC 6749 §4.1.2 / §4.1.2.1: what came back to the redirect URI, once the client's checks passed. */
export type AuthorizationResponse =
  | {
      kind: "code";
      code: string;
      state: string | undefined;
      iss: string | undefined;
      /**
       * What oauth4webapi's validateAuthResponse returned, as a query string: the flow is stored as JSON
       * (lib/state/store.ts). The code exchange accepts only the very object the library's validation
       * returned (it brands it), so step 4 validates this again before using it: no path skips the checks.
       */
      parameters: string;
    }
  | { kind: "error"; error: string; error_description: string | undefined; state: string | undefined; iss: string | undefined };

export type GuidedFlow = {
  id: string;
  started_at: string;
  /** Started in presenter mode: the way back from LabMail (step 3) keeps it. */
  presenter?: boolean | undefined;
  /** Step 1: RFC 6749 §10.12 (CSRF), OpenID Connect Core §3.1.2.1 (nonce), RFC 7636 §4.1–4.2 (PKCE). */
  state: string;
  nonce: string;
  code_verifier: string;
  code_challenge: string;
  /** Step 2: the authorization URL exactly as the browser was sent to it. */
  authorization_url: string;
  /**
   * The capability that reads this flow's trace at the servers (issued by POST {ISSUER}/trace).
   * Secret: never rendered, recorded, exported or logged; undefined when the trace could not be opened.
   */
  trace_capability?: string | undefined;
  authorization_response?: AuthorizationResponse | undefined;
  tokens?: TokenSet | undefined;
  /** OpenID Connect Core §3.1.3.7: the ID token's claims, as oauth4webapi validated them in step 4. */
  id_token_claims?: Record<string, unknown> | undefined;
  /** OpenID Connect Core §5.3.2: the UserInfo answer, once its `sub` matched the ID token's. */
  userinfo?: Record<string, unknown> | undefined;
  /**
   * The client's own view of when the access token ends (epoch seconds): `expires_in` after it arrived
   * (RFC 6749 §5.1). The demo clock may bring it forward; the token's `exp` is what the mail API checks.
   */
  expires_at?: number | undefined;
  /** Each refresh: the refresh token sent and the one received (rotation, RFC 9700 §4.14.2). */
  refreshes: { sent: string; received: string | undefined; access_token: string | undefined; error?: string | undefined }[];
  /** The access token that was current when the grant was revoked: the one we try again afterwards. */
  revoked?: { at: string; access_token: string | undefined } | undefined;
  /** When this client began each phase (for sorting the servers' trace events). */
  phase_started_at: Partial<Record<TracePhase, string>>;
  /** A step that failed, with what to tell the student (shown on that step page). */
  errors: Partial<Record<GuidedStepId, string>>;
  transcript: Exchange[];
  checks: ClientCheck[];
};
