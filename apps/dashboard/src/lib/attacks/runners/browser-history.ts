// Scenario 1: where is the token? The attacker reads the browser's history (or a Referer). Our client
// leaves only a single-use code there, useless without the PKCE verifier (RFC 9700 §4.2–4.3); the twin
// that puts tokens in the browser leaves a live access token.
import "server-only";
import * as oauth from "oauth4webapi";
import { NAIVE_MAIL_API } from "../catalog";
import { signInAtTwin, visit } from "../naive/twin-steps";
import { attempt, RunFailed, type RunResult, victimTokens } from "../runner";
import { type AttackSession, callMailApi, redeemCode } from "../session";
import type { AttackRun, ScenarioInfo } from "../types";

export async function runBrowserHistory(session: AttackSession, info: ScenarioInfo): Promise<RunResult> {
  const { ctx } = session;
  const setup: AttackRun["setup"] = [];
  const { callback } = await victimTokens(session, setup);
  // What the history holds: the callback URL, with the code (already redeemed), state and iss; the
  // attacker sends that code with a verifier of its own making.
  const stolen = await redeemCode(session, callback, { code_verifier: oauth.generateRandomCodeVerifier() });

  // The twin: alice signs in at the client that puts tokens in the browser; her browser follows it.
  const signIn = await signInAtTwin(session, session.browser, ctx.victim, "browserTokens");
  setup.push({ label: "alice signs in at the twin that puts tokens in the browser", record: signIn.record });
  if (!signIn.location) throw new RunFailed("alice's sign-in at the twin produced no code", setup);
  const landed = await visit(session, session.browser, signIn.location, () => "the twin's page");
  setup.push({
    label: "alice's browser loads the twin's callback, which sends it on to a URL holding the access token",
    record: landed.record,
  });
  const inboxUrl = landed.location;
  if (!inboxUrl) throw new RunFailed("the twin's callback did not send the browser on", setup);
  const inbox = await visit(session, session.browser, inboxUrl, () => "alice's (synthetic) inbox");
  setup.push({ label: "alice's browser loads the twin's inbox: that URL is now in her history", record: inbox.record });
  const token = inboxUrl.searchParams.get("access_token");
  if (!token) throw new RunFailed("the twin's URL held no access_token", setup);
  const naive = await callMailApi(session, token, { path: NAIVE_MAIL_API.path, traced: false, missingOn404: true });

  return {
    setup,
    attempts: [
      attempt(
        info,
        {
          id: "history",
          label: "What the browser history holds, used",
          what: `Real: the callback URL in alice's history holds only a code (already redeemed), state and iss; the attacker sends the code to /token (even with the client's credentials) and a verifier it made up. Twin: its URL holds access_token, which the attacker sends to the mail API.`,
        },
        stolen.record,
        naive,
      ),
    ],
  };
}
