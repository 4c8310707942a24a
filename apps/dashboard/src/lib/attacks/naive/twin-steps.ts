// The runner's steps against the naive twins: the user signs in at a twin (its authorization request,
// the scripted browser at LabMail) and a browser loads a URL. Recorded like every step, never traced:
// the twins are not the real lab.
import "server-only";
import type { DemoUser } from "@oauth-flow-lab/lab";
import { type AttackSession, observe } from "../session";
import type { SideRecord } from "../types";
import type { ScriptedUserAgent } from "../user-agent";
import { type NaiveTwin, startNaiveLogin } from "./naive-client";

/** Where the authorization response went: the redirect the browser was sent to (not followed). */
export type TwinSignIn = { record: SideRecord; location: URL | undefined };

/** `user` signs in at a twin in `browser`; the answer is "accepted" when a code came back (anywhere). */
export async function signInAtTwin(
  session: AttackSession,
  browser: ScriptedUserAgent,
  user: DemoUser,
  twin: NaiveTwin,
  options: Parameters<typeof startNaiveLogin>[2] = {},
): Promise<TwinSignIn> {
  let location: URL | undefined;
  const record = await observe(
    session,
    async () => {
      const { url } = await startNaiveLogin(session.ctx, twin, options);
      let outcome = await browser.authorize(url, user);
      // An AS that only forwards (the evil AS of the mix-up) sends the browser on to LabMail.
      if (outcome.kind === "redirect" && outcome.location.searchParams.has("client_id") && !outcome.location.searchParams.has("code")) {
        outcome = await browser.authorize(outcome.location, user);
      }
      if (outcome.kind === "page") return { kind: "refused", status: outcome.status, error_description: outcome.detail };
      location = outcome.location;
      const error = location.searchParams.get("error");
      if (error !== null)
        return { kind: "refused", status: 303, error, error_description: location.searchParams.get("error_description") ?? undefined };
      return { kind: "accepted", status: 303, summary: `a code, sent to ${location.origin}${location.pathname}` };
    },
    { traced: false },
  );
  return { record, location };
}

/** A browser loads `url` (a callback, the twin's inbox); a 2xx JSON answer is summed up by `accepted`. */
export async function visit(
  session: AttackSession,
  browser: ScriptedUserAgent,
  url: URL,
  accepted: (body: unknown) => string,
): Promise<{ record: SideRecord; location: URL | undefined; body: unknown }> {
  let location: URL | undefined;
  let body: unknown;
  const record = await observe(
    session,
    async () => {
      const answer = await browser.visit(url);
      location = answer.location;
      try {
        body = JSON.parse(answer.body);
      } catch {
        body = undefined;
      }
      if (answer.location)
        return { kind: "accepted", status: answer.status, summary: `sent on to ${answer.location.origin}${answer.location.pathname}` };
      if (answer.status >= 200 && answer.status < 300) return { kind: "accepted", status: answer.status, summary: accepted(body) };
      const b = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
      return {
        kind: "refused",
        status: answer.status,
        error: typeof b["error"] === "string" ? b["error"] : undefined,
        error_description: typeof b["error_description"] === "string" ? b["error_description"] : undefined,
      };
    },
    { traced: false },
  );
  return { record, location, body };
}

/** "signed in as bob; a mailbox of 3 messages", from a twin's callback answer. */
export function twinSessionSummary(body: unknown): string {
  const b = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const mailbox = typeof b["mailbox"] === "object" && b["mailbox"] !== null ? (b["mailbox"] as Record<string, unknown>) : {};
  const count = Array.isArray(mailbox["messages"]) ? mailbox["messages"].length : 0;
  return `${typeof b["signed_in_as"] === "string" ? `this browser is now signed in as ${b["signed_in_as"]}; ` : ""}the twin shows a mailbox of ${count} message${count === 1 ? "" : "s"} (synthetic)`;
}
