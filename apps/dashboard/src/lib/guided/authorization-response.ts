// Step 3: the authorization response arrives at the guided redirect URI (front channel). The client
// core (oauth4webapi's validateAuthResponse) makes the checks; this reports which of them ran and
// how each ended, as the library's outcome says. Pure.
import type { AuthorizationServer } from "oauth4webapi";
import { AuthorizationResponseError, validateAuthorizationResponse } from "@/lib/oauth-client/authorization-response";
import type { AuthorizationResponse, GuidedFlow } from "./flow";
import type { ClientCheck } from "./transcript";

/** validateAuthResponse's checks, in the order it runs them. */
const LIBRARY_CHECKS = [
  { parameter: "iss", check: "iss is LabMail's issuer", rfc: "RFC 9207 §2.4" },
  { parameter: "state", check: "state is the one MailDash sent in step 2", rfc: "RFC 6749 §10.12" },
] as const;

/** The parameter a validateAuthResponse error is about: its messages name it in quotes. */
function failedParameter(message: string): string | undefined {
  return /"(iss|state|response|error|code)"/.exec(message)?.[1];
}

/**
 * Step 3, RFC 6749 §4.1.2 (https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2) and §4.1.2.1, RFC 9207
 * §2.4: validates the response with the client core. The checks that ran are reported in order: those
 * before a failure passed, the failing one did not, later ones never ran (and are not listed).
 * The code is kept only when every check passed.
 */
export function processAuthorizationResponse(
  flow: Pick<GuidedFlow, "state">,
  query: URLSearchParams,
  context: { as: AuthorizationServer; client_id: string },
): { response: AuthorizationResponse | undefined; checks: ClientCheck[] } {
  const passed = (n: number): ClientCheck[] => LIBRARY_CHECKS.slice(0, n).map(({ check, rfc }) => ({ step: "3", check, ok: true, rfc }));
  try {
    const parameters = validateAuthorizationResponse(context.as, context.client_id, query, flow.state);
    const checks = passed(LIBRARY_CHECKS.length);
    const code = parameters.get("code");
    checks.push({
      step: "3",
      check: "an authorization code came back",
      ok: Boolean(code),
      detail: code ? undefined : "no code and no error",
      rfc: "RFC 6749 §4.1.2",
    });
    if (!code) return { response: undefined, checks };
    return {
      response: {
        kind: "code",
        code,
        state: parameters.get("state") ?? undefined,
        iss: parameters.get("iss") ?? undefined,
        parameters: parameters.toString(),
      },
      checks,
    };
  } catch (error) {
    if (error instanceof AuthorizationResponseError) {
      // iss and state passed; the response itself is an error (RFC 6749 §4.1.2.1).
      const parameters = error.cause;
      return {
        response: {
          kind: "error",
          error: error.error,
          error_description: error.error_description,
          state: parameters.get("state") ?? undefined,
          iss: parameters.get("iss") ?? undefined,
        },
        checks: passed(LIBRARY_CHECKS.length),
      };
    }
    const message = error instanceof Error ? error.message : String(error);
    const failedAt = LIBRARY_CHECKS.findIndex((c) => c.parameter === failedParameter(message));
    const checks = failedAt === -1 ? [] : passed(failedAt);
    const failed =
      failedAt === -1 ? { check: "the authorization response is well-formed", rfc: "RFC 6749 §4.1.2" } : LIBRARY_CHECKS[failedAt];
    checks.push({
      step: "3",
      check: failed?.check ?? "the authorization response is well-formed",
      ok: false,
      detail: `oauth4webapi: ${message}`,
      rfc: failed?.rfc,
    });
    return { response: undefined, checks };
  }
}
