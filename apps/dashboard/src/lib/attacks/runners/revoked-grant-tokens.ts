// Scenario 15: revoke the grant but keep the tokens (RFC 7009 §2.1). The refresh token dies at once
// (refresh-token-not-revoked); the access token would live until its exp, and the real mail API ends it
// through introspection within its cache lifetime (token-active).
import "server-only";
import { describeDuration, LIFETIMES } from "@oauth-flow-lab/lab";
import { decodeJwt } from "jose";
import { revokeToken } from "@/lib/oauth-client/revocation";
import { attempt, failingCheck, RunFailed, type RunResult, victimTokens } from "../runner";
import { type AttackSession, callMailApi, lastAnswer, observe, pause, refreshTokens } from "../session";
import type { AttackRun, Observation, ScenarioInfo, SideRecord } from "../types";

/** How long the runner keeps calling with the access token: the mail API's cache, and a margin. */
const WATCH_MS = (LIFETIMES.introspection_cache.seconds + 3) * 1000;

export async function runRevokedGrantTokens(session: AttackSession, info: ScenarioInfo): Promise<RunResult> {
  const { ctx } = session;
  const setup: AttackRun["setup"] = [];
  const { tokens } = await victimTokens(session, setup);
  const refresh_token = tokens.refresh_token;
  if (!refresh_token) throw new RunFailed("no refresh token (offline_access not granted)", setup);
  setup.push({
    label: "alice's client reads her mail (the mail API now remembers the token as active)",
    record: await callMailApi(session, tokens.access_token),
  });
  const revoked = await observe(session, async (io) => {
    await revokeToken(ctx.as, { client: ctx.client, token: refresh_token, token_type_hint: "refresh_token" }, io.http).catch(
      () => undefined,
    );
    return lastAnswer(io, () => "revoked (RFC 7009 §2.2: 200)");
  });
  setup.push({
    label: "alice withdraws her consent: MailDash revokes its refresh token, ending the grant (the attacker kept copies of both tokens)",
    record: revoked,
  });
  const revokedAt = Date.now();

  // 1. The kept refresh token.
  const refresh = await refreshTokens(session, refresh_token);
  // 2. The kept access token, until the mail API stops accepting it (or the watch ends).
  const firstAfter = await callMailApi(session, tokens.access_token);
  let after: SideRecord = firstAfter;
  while (after.answer.kind === "accepted" && Date.now() - revokedAt < WATCH_MS) {
    await pause(1_000);
    after = await callMailApi(session, tokens.access_token);
  }
  const seconds = Math.round((Date.now() - revokedAt) / 1000);
  const exp = decodeJwt(tokens.access_token).exp;
  const left = exp === undefined ? undefined : exp - Math.floor(revokedAt / 1000);
  const lifetime: Observation = {
    label: "How long the access token would live on by itself",
    expected: `Its exp is up to ${describeDuration(LIFETIMES.access_token.seconds)} away: a resource server that only verifies the signature would accept it until then. The mail API asks LabMail (introspection) and keeps the answer ${describeDuration(LIFETIMES.introspection_cache.seconds)} at most.`,
    seen: after.answer.kind === "refused" && failingCheck(after) === "token-active",
    detail: `exp is ${exp === undefined ? "absent" : `${new Date(exp * 1000).toISOString().slice(11, 19)} UTC`}${left === undefined ? "" : `, ${describeDuration(left)} after the revocation`}. The real mail API ${
      after.answer.kind === "refused"
        ? `refused it about ${seconds} s after the revocation${failingCheck(after) ? ` (${failingCheck(after)})` : ""}`
        : `still accepted it ${seconds} s after the revocation`
    }${firstAfter.answer.kind === "accepted" && after !== firstAfter ? "; the first call after it was still answered from the cache" : ""}.`,
    record: firstAfter,
  };
  return {
    setup,
    attempts: [
      attempt(
        info,
        {
          id: "refresh",
          label: "The kept refresh token",
          what: "The revoked refresh token, sent to /token for new tokens.",
          expected_checks: ["refresh-token-not-revoked"],
        },
        refresh.record,
      ),
      attempt(
        info,
        {
          id: "access-token",
          label: "The kept access token, at the mail API",
          what: "The access token issued before the revocation, still before its exp, sent to GET /v1/messages until it stops working.",
          expected_checks: ["token-active"],
        },
        after,
        undefined,
        [lifetime],
      ),
    ],
  };
}
