// Step 3: the authorization response arrives at the guided redirect URI (front channel).
import { timingSafeEqual } from "node:crypto";
import { parseAuthorizationErrorResponse } from "@/lib/oauth/authorization-error-response";
import type { AuthorizationResponse, GuidedFlow } from "./flow";
import type { ClientCheck } from "./transcript";

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** RFC 6749 §3.1: a parameter sent twice is an error, not a choice. */
function single(query: URLSearchParams, name: string): string | undefined | null {
  const values = query.getAll(name);
  if (values.length > 1) return null;
  return values[0] || undefined;
}

/**
 * Step 3, RFC 6749 §4.1.2 (https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2) and §4.1.2.1:
 * reads `code, state, iss` (or `error, state, iss`) and makes the client's own checks:
 * - `state` equals the one sent in step 2 (RFC 6749 §10.12: CSRF);
 * - `iss` equals the issuer we talk to (RFC 9207 §2.4: mix-up attacks).
 * Returns the checks; the code is kept only when both pass.
 */
export function processAuthorizationResponse(
  flow: GuidedFlow,
  query: URLSearchParams,
  issuer: string,
): { response: AuthorizationResponse | undefined; checks: ClientCheck[] } {
  const state = single(query, "state");
  const iss = single(query, "iss");
  const checks: ClientCheck[] = [
    {
      step: "3",
      check: "state is the one MailDash sent in step 2",
      ok: typeof state === "string" && sameSecret(state, flow.state),
      detail: state === null ? "state was repeated" : state === undefined ? "no state came back" : undefined,
      rfc: "RFC 6749 §10.12",
    },
    {
      step: "3",
      check: "iss is LabMail's issuer identifier",
      ok: iss === issuer,
      detail: iss === null ? "iss was repeated" : `expected ${issuer}, got ${iss ?? "nothing"}`,
      rfc: "RFC 9207 §2.4",
    },
  ];
  const passed = checks.every((c) => c.ok);
  const error = parseAuthorizationErrorResponse(query);
  if (error) return { response: { kind: "error", ...error }, checks };
  const code = single(query, "code");
  if (typeof code !== "string") {
    checks.push({ step: "3", check: "an authorization code came back", ok: false, detail: code === null ? "code was repeated" : "no code and no error", rfc: "RFC 6749 §4.1.2" });
    return { response: undefined, checks };
  }
  checks.push({ step: "3", check: "an authorization code came back", ok: true, rfc: "RFC 6749 §4.1.2" });
  return { response: passed ? { kind: "code", code, state: state ?? undefined, iss: iss ?? undefined } : undefined, checks };
}
