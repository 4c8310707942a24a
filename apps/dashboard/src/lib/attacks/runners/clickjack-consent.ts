// Scenario 5: clickjack the consent screen (RFC 9700 §4.16). LabMail's pages say
// `Content-Security-Policy: frame-ancestors 'none'` (and X-Frame-Options: DENY): a browser shows them in
// no frame. The runner loads the page as alice's browser and reads what it was told; the scenario's page
// frames it for real, and the browser keeps the frame blank.
import "server-only";
import { buildAuthorizationUrl } from "@/lib/oauth-client/authorization-request";
import { FRAME_ANCESTORS_CHECK } from "../client-check-ids";
import { attempt, type RunResult } from "../runner";
import { type AttackSession, observe } from "../session";
import type { ClientCheckEvent, ScenarioInfo, ServerAnswer } from "../types";

/** The frame-ancestors directive of a Content-Security-Policy header, if any (CSP Level 3 §6.4.2). */
export function frameAncestors(csp: string | null): string | undefined {
  return csp
    ?.split(";")
    .map((d) => d.trim())
    .find((d) => d.toLowerCase().startsWith("frame-ancestors"));
}

export async function runClickjackConsent(session: AttackSession, info: ScenarioInfo): Promise<RunResult> {
  const { ctx } = session;
  let event: ClientCheckEvent | undefined;
  const record = await observe(session, async (): Promise<ServerAnswer> => {
    const url = buildAuthorizationUrl(
      ctx.as,
      { client_id: ctx.client.client_id, redirect_uri: ctx.redirect_uri, scope: ctx.scope, prompt: "consent" },
      session.prepared,
    );
    const sent = await session.browser.visit(url);
    if (!sent.location) return { kind: "no-answer", detail: `LabMail answered ${sent.status} instead of sending the browser to its page` };
    const page = await session.browser.visit(sent.location);
    const directive = frameAncestors(page.headers.get("content-security-policy"));
    const xfo = page.headers.get("x-frame-options");
    const refused = directive?.toLowerCase() === "frame-ancestors 'none'";
    event = {
      id: FRAME_ANCESTORS_CHECK,
      check: "LabMail's page forbids every framing ancestor: the browser shows it in no frame",
      ok: !refused,
      detail: `Content-Security-Policy: ${directive ?? "(no frame-ancestors)"}; X-Frame-Options: ${xfo ?? "(none)"}`,
      rfc: "RFC 9700 §4.16",
      actor: "browser",
      endpoint: `GET ${sent.location.pathname}`,
      at: new Date().toISOString(),
    };
    return refused
      ? { kind: "refused", status: page.status, error_description: "the browser will not render this page inside the attacker's frame" }
      : { kind: "accepted", status: page.status, summary: "the page may be framed" };
  });
  const real = event ? { ...record, events: [...record.events, event] } : record;
  return {
    setup: [],
    attempts: [
      attempt(
        info,
        {
          id: "frame",
          label: "LabMail's consent page inside the attacker's page",
          what: "An invisible iframe of LabMail's login and consent page, under a decoy button on the attacker's page.",
        },
        real,
      ),
    ],
  };
}
