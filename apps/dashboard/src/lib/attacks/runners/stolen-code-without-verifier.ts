// Scenario 11: a stolen code without the verifier (RFC 9700 §4.5, RFC 7636; check code-pkce): redeemed
// directly, then injected into a session of the attacker's own at the victim's client. The twin for
// which PKCE is optional gives alice's session away both ways.
import "server-only";
import { NAIVE_CLIENTS } from "@oauth-flow-lab/lab";
import * as oauth from "oauth4webapi";
import { prepareAuthorizationRequest } from "@/lib/oauth-client/authorization-request";
import { requestOptions } from "@/lib/oauth-client/http";
import { naiveRedirectUri, startNaiveLogin } from "../naive/naive-client";
import { signInAtTwin, twinSessionSummary, visit } from "../naive/twin-steps";
import { attempt, failingCheck, RunFailed, type RunResult, victimCode } from "../runner";
import { type AttackSession, lastAnswer, observe, redeemCode } from "../session";
import type { AttackRun, Observation, ScenarioInfo, SideRecord } from "../types";
import { ScriptedUserAgent } from "../user-agent";

const noTwin = (detail: string): SideRecord => ({ exchanges: [], answer: { kind: "no-answer", detail }, events: [] });

export async function runStolenCodeWithoutVerifier(session: AttackSession, info: ScenarioInfo): Promise<RunResult> {
  const { ctx } = session;
  const setup: AttackRun["setup"] = [];
  // One code per attempt, so that each is judged on its own (whether a refused attempt spends a code is
  // scenario 8's question, not this one's).
  const first = await victimCode(session, setup, "alice signs in and consents; the attacker copies her code on its way (a log, a proxy)");
  const second = await victimCode(session, setup, "alice signs in again; the attacker copies this code too");

  // 1. Direct: the code at /token, with a verifier the attacker made up.
  const direct = await redeemCode(session, first, { code_verifier: oauth.generateRandomCodeVerifier() });
  // 2. Injection: the attacker starts a login of its own at alice's client, and hands it alice's code.
  const attackerLogin = await prepareAuthorizationRequest();
  const injected = await redeemCode(session, second, { code_verifier: attackerLogin.code_verifier });
  const victim = await redeemCode(session, second);
  const unharmed: Observation = {
    label: "alice's own client then redeems that code",
    expected: "It works: the refused injection did not spend it.",
    seen: victim.record.answer.kind === "accepted",
    detail:
      victim.record.answer.kind === "accepted"
        ? "It works: alice gets her tokens."
        : `Refused${failingCheck(victim.record) ? ` by ${failingCheck(victim.record)}` : ""}: the refused attempt spent her code, so alice must sign in again.`,
    record: victim.record,
  };

  // The twin: alice signs in twice at the client without PKCE; the attacker copies both codes.
  const twin = NAIVE_CLIENTS.noPkce;
  const credentials = ctx.naiveClient(twin.client_id);
  let naiveDirect: SideRecord = noTwin(`${twin.client_id} is not configured (NAIVE_CLIENT_SECRETS)`);
  let naiveInjected: SideRecord = naiveDirect;
  if (credentials) {
    const first = await signInAtTwin(session, session.browser, ctx.victim, "noPkce", { pkce: false, nonce: false });
    setup.push({ label: `alice signs in at ${twin.client_id} (no code_challenge); the attacker copies the code`, record: first.record });
    const second = await signInAtTwin(session, session.browser, ctx.victim, "noPkce", { pkce: false, nonce: false });
    setup.push({ label: `alice signs in at ${twin.client_id} again; the attacker copies this code too`, record: second.record });
    if (!first.location || !second.location) throw new RunFailed("alice's sign-in at the twin produced no code", setup);
    const firstCode = first.location.searchParams;
    naiveDirect = await observe(
      session,
      async (io) => {
        const client: oauth.Client = { client_id: twin.client_id };
        const response = await oauth.authorizationCodeGrantRequest(
          ctx.as,
          client,
          oauth.ClientSecretBasic(credentials.client_secret),
          oauth.validateAuthResponse(ctx.as, client, firstCode, oauth.skipStateCheck),
          naiveRedirectUri("noPkce", ctx.dashboard_url),
          oauth.nopkce,
          requestOptions(ctx.issuer, io.http),
        );
        void response;
        return lastAnswer(io, () => "tokens issued to the attacker, without any verifier");
      },
      { traced: false },
    );
    // The attacker's own pending login at the twin, and its browser loading the callback with alice's code.
    const attackerBrowser = new ScriptedUserAgent(ctx.issuer, session.frontChannel, session.step);
    const own = await startNaiveLogin(ctx, "noPkce", { pkce: false, nonce: false });
    const injection = new URL(second.location.href);
    injection.searchParams.set("state", own.state);
    naiveInjected = (await visit(session, attackerBrowser, injection, twinSessionSummary)).record;
  }

  return {
    setup,
    attempts: [
      attempt(
        info,
        {
          id: "direct",
          label: "The stolen code, redeemed directly",
          what: "alice's code at /token with the client's credentials (as if leaked) and a code_verifier the attacker made up.",
        },
        direct.record,
        naiveDirect,
      ),
      attempt(
        info,
        {
          id: "injection",
          label: "The stolen code, injected into the attacker's session",
          what: "The attacker starts its own login at alice's client and sends alice's code to its callback: the client redeems it with the attacker's verifier.",
        },
        injected.record,
        naiveInjected,
        [unharmed],
      ),
    ],
  };
}
