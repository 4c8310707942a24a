// Scenario 3: edit the access token's payload and keep its signature (RFC 9068 §4, check jwt-signature).
import "server-only";
import { base64url, decodeJwt } from "jose";
import { attempt, RunFailed, type RunResult, victimTokens } from "../runner";
import { type AttackSession, callMailApi } from "../session";
import type { AttackRun, ScenarioInfo } from "../types";

export async function runEditedPayload(session: AttackSession, info: ScenarioInfo): Promise<RunResult> {
  const setup: AttackRun["setup"] = [];
  const { tokens } = await victimTokens(session, setup);
  const [header, , signature] = tokens.access_token.split(".");
  if (header === undefined || signature === undefined) throw new RunFailed("alice's access token is not a JWS", setup);
  const claims = decodeJwt(tokens.access_token);
  const edited = {
    ...claims,
    scope: `${String(claims.scope ?? "")} mail.send`.trim(),
    exp: Math.floor(Date.now() / 1000) + 30 * 24 * 3600,
  };
  // The attack itself: the payload segment re-encoded (jose's base64url), header and signature untouched.
  const forged = `${header}.${base64url.encode(JSON.stringify(edited))}.${signature}`;
  const real = await callMailApi(session, forged);
  return {
    setup,
    attempts: [
      attempt(
        info,
        {
          id: "edit-payload",
          label: "scope + mail.send, exp + 30 days, same signature",
          what: "The payload of alice's real token, rewritten; the original header and signature kept.",
        },
        real,
      ),
    ],
  };
}
