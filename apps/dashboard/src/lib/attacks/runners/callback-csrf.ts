// Scenario 6: CSRF on the callback, forced account linking (RFC 9700 §4.7). The attacker (bob) signs in
// as himself, stops before his callback, and makes alice's browser load it. The real client core
// compares state with the one it sent for alice's browser (oauth4webapi's validateAuthResponse); the
// twin that finds the login by state alone signs alice's browser in as bob.
import "server-only";
import { DEMO_USERS } from "@oauth-flow-lab/lab";
import { buildAuthorizationUrl, prepareAuthorizationRequest } from "@/lib/oauth-client/authorization-request";
import { validateAuthorizationResponse } from "@/lib/oauth-client/authorization-response";
import { clientCheckRefusal } from "../client-checks";
import { signInAtTwin, twinSessionSummary, visit } from "../naive/twin-steps";
import { attempt, RunFailed, type RunResult } from "../runner";
import { type AttackSession, observe } from "../session";
import type { AttackRun, ScenarioInfo, ServerAnswer } from "../types";
import { ScriptedUserAgent } from "../user-agent";

export async function runCallbackCsrf(session: AttackSession, info: ScenarioInfo): Promise<RunResult> {
  const { ctx } = session;
  const attacker = DEMO_USERS[1];
  const setup: AttackRun["setup"] = [];
  const attackerBrowser = new ScriptedUserAgent(ctx.issuer, session.frontChannel, session.step);

  // Real: bob's own login at the real client, stopped at his callback.
  const bobs = await prepareAuthorizationRequest();
  let bobsCallback: URL | undefined;
  const bobSignIn = await observe(
    session,
    async () => {
      const outcome = await attackerBrowser.authorize(
        buildAuthorizationUrl(
          ctx.as,
          { client_id: ctx.client.client_id, redirect_uri: ctx.redirect_uri, scope: ctx.scope, prompt: "consent" },
          bobs,
        ),
        attacker,
      );
      if (outcome.kind === "page") return { kind: "refused", status: outcome.status, error_description: outcome.detail };
      bobsCallback = outcome.location;
      return { kind: "accepted", status: 303, summary: "bob's code, at the client's redirect_uri (not followed)" };
    },
    { traced: false },
  );
  setup.push({ label: `${attacker.username} signs in at MailDash's client as himself and stops before his callback`, record: bobSignIn });
  if (!bobsCallback) throw new RunFailed("bob's sign-in produced no code", setup);
  const forged = bobsCallback;
  // alice's browser is made to load bob's callback; her client has a login of its own pending (the run's).
  const real = await observe(session, async (): Promise<ServerAnswer> => {
    validateAuthorizationResponse(ctx.as, ctx.client.client_id, forged.searchParams, session.prepared.state);
    return { kind: "accepted", status: 200, summary: "the client took bob's code in alice's browser" };
  });
  const refused = clientCheckRefusal(real, "state", "redirect_uri callback");

  // The twin: bob's login at the twin, his callback loaded by alice's browser.
  const bobAtTwin = await signInAtTwin(session, attackerBrowser, attacker, "noState");
  setup.push({ label: `${attacker.username} signs in at the twin as himself and stops before his callback`, record: bobAtTwin.record });
  if (!bobAtTwin.location) throw new RunFailed("bob's sign-in at the twin produced no code", setup);
  const naive = await visit(session, session.browser, bobAtTwin.location, twinSessionSummary);

  return {
    setup,
    attempts: [
      attempt(
        info,
        {
          id: "forced-login",
          label: "bob's callback, loaded in alice's browser",
          what: `alice's browser loads ${forged.origin}${forged.pathname} with bob's code and bob's state (a hidden image on a page bob controls).`,
        },
        refused,
        naive.record,
      ),
    ],
  };
}
