// The mix-up scenario's "evil AS" (RFC 9700 §4.4), served by the dashboard under EVIL_AS_PATH while the
// attack lab is on: its own metadata, an authorization endpoint that sends the browser on to LabMail's
// with the client's request unchanged, and a token endpoint that keeps what it receives (and refuses).
// In the dashboard's state store (lib/state/store.ts), bounded in number and in time like the runs.
import "server-only";
import { EVIL_AS_PATH } from "@oauth-flow-lab/lab";
import type { AuthorizationServer } from "oauth4webapi";
import { stateStore } from "@/lib/state/stores";

/** What the evil token endpoint received: every form parameter but a client secret. */
export type EvilCapture = { received_at: string; parameters: Record<string, string> };

const captures = stateStore<EvilCapture>({ name: "evil-as-captures", maxEntries: 200, ttlMs: 10 * 60 * 1000 });

export function evilIssuer(dashboard_url: string): string {
  return `${dashboard_url.replace(/\/+$/, "")}${EVIL_AS_PATH}`;
}

/** RFC 8414 §2: the evil AS's metadata. It even claims to send iss (RFC 9207 §3): its own, never LabMail's. */
export function evilAsMetadata(dashboard_url: string): AuthorizationServer {
  const issuer = evilIssuer(dashboard_url);
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    response_types_supported: ["code"],
    grant_types_supported: ["authorization_code"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["none"],
    authorization_response_iss_parameter_supported: true,
  };
}

/** The evil token endpoint keeps the request, by the code it carries. */
export async function captureTokenRequest(form: URLSearchParams): Promise<void> {
  const code = form.get("code");
  if (!code) return;
  const parameters: Record<string, string> = {};
  for (const [name, value] of form) if (name !== "client_secret") parameters[name] = value;
  await captures.add(code, { received_at: new Date().toISOString(), parameters });
}

/** What the evil AS received with `code`, if it did. */
export function capturedWithCode(code: string): Promise<EvilCapture | undefined> {
  return captures.get(code);
}
