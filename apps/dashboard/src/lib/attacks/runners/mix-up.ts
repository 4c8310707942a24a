// Scenario 16: mix-up with a second, malicious AS (RFC 9700 §4.4, RFC 9207). alice picks the evil AS at
// her client; the evil AS sends her on to LabMail, whose code comes back to the client. The real client
// core checks iss against the AS it sent the request to; the twin that ignores iss sends the code (and
// its PKCE verifier) to the evil AS's token endpoint.
import "server-only";
import { buildAuthorizationUrl } from "@/lib/oauth-client/authorization-request";
import { validateAuthorizationResponse } from "@/lib/oauth-client/authorization-response";
import { clientCheckRefusal } from "../client-checks";
import { capturedWithCode, evilAsMetadata } from "../evil-as";
import { signInAtTwin, visit } from "../naive/twin-steps";
import { attempt, RunFailed, type RunResult } from "../runner";
import { type AttackSession, observe } from "../session";
import type { AttackRun, Observation, ScenarioInfo, ServerAnswer, SideRecord } from "../types";

export async function runMixUp(session: AttackSession, info: ScenarioInfo): Promise<RunResult> {
  const { ctx } = session;
  const setup: AttackRun["setup"] = [];
  const evil = evilAsMetadata(ctx.dashboard_url);

  // Real: the guided client's login, sent to the evil AS that alice picked.
  let code: string | undefined;
  const sent = await observe(session, async (): Promise<ServerAnswer> => {
    const url = buildAuthorizationUrl(
      evil,
      { client_id: ctx.client.client_id, redirect_uri: ctx.redirect_uri, scope: ctx.scope, prompt: "consent" },
      session.prepared,
    );
    let outcome = await session.browser.authorize(url, ctx.victim);
    if (outcome.kind === "redirect" && !outcome.location.searchParams.has("code"))
      outcome = await session.browser.authorize(outcome.location, ctx.victim);
    if (outcome.kind === "page") return { kind: "refused", status: outcome.status, error_description: outcome.detail };
    code = outcome.location.searchParams.get("code") ?? undefined;
    // The client expects the response of the AS it sent alice to: the evil one.
    validateAuthorizationResponse(evil, ctx.client.client_id, outcome.location.searchParams, session.prepared.state);
    return { kind: "accepted", status: 303, summary: "the client took LabMail's code for the evil AS's, and would redeem it there" };
  });
  const real = clientCheckRefusal(sent, "iss", "redirect_uri callback");
  const realCaptured = code === undefined ? undefined : await capturedWithCode(code);
  const nothingSent: Observation = {
    label: "What the evil AS's token endpoint received from the real client",
    expected: "Nothing: the response was refused before any token request.",
    seen: code !== undefined && realCaptured === undefined,
    detail: realCaptured ? "alice's code: the client sent it." : "Nothing.",
    record: { exchanges: [], answer: real.answer, events: [] },
  };

  // The twin: the same, at the client that ignores iss.
  const signIn = await signInAtTwin(session, session.browser, ctx.victim, "mixUp", { as: evil });
  setup.push({
    label: "alice picks the evil AS at the naive twin; it sends her on to LabMail, where she signs in and consents",
    record: signIn.record,
  });
  if (!signIn.location) throw new RunFailed("alice's sign-in at the twin produced no code", setup);
  const twinCode = signIn.location.searchParams.get("code");
  const callback = await visit(session, session.browser, signIn.location, () => "the twin's page");
  const captured = twinCode === null ? undefined : await capturedWithCode(twinCode);
  const naive: SideRecord = captured
    ? {
        ...callback.record,
        answer: {
          kind: "accepted",
          status: 200,
          summary: `the evil AS's token endpoint received alice's LabMail code${captured.parameters["code_verifier"] ? " and its PKCE verifier" : ""} (${Object.keys(captured.parameters).join(", ")})`,
        },
      }
    : { ...callback.record, answer: { kind: "refused", status: 400, error_description: "the evil AS received nothing" } };

  return {
    setup,
    attempts: [
      attempt(
        info,
        {
          id: "mix-up",
          label: "LabMail's code, back at a client that asked the evil AS",
          what: `alice picks the evil AS (${evil.issuer}); it forwards her to LabMail; the code comes back with iss=${ctx.issuer}.`,
        },
        real,
        naive,
        [nothingSent],
      ),
    ],
  };
}
