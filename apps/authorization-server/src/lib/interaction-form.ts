// What the login, password and consent form targets share: find the interaction for this browser, read
// the form, check its CSRF token. Anything wrong sends the browser back to the interaction page (303).
// And, once a login is complete, the one way on: a new session, then the code or the consent page.
import "server-only";
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { env } from "@/env";
import { db } from "@/lib/db";
import { seeOther } from "@/lib/http";
import { type checkLog, traceIdFromState } from "@/lib/trace";
import { afterLogin } from "@/protocol/authorize";
import { protocolDependencies } from "@/protocol/dependencies";
import { attachUser, checkCsrfToken, findInteraction, INTERACTION_COOKIE, type Interaction } from "@/protocol/interactions";
import { readFormBody } from "@/protocol/parameters";
import { createSession, SESSION_COOKIE, sessionCookieOptions } from "@/protocol/sessions";

export function interactionPage(id: string, error?: "credentials" | "throttled" | "csrf" | "server"): Response {
  return seeOther(new URL(`/interaction/${encodeURIComponent(id)}${error ? `?error=${error}` : ""}`, env().ISSUER));
}

export async function readInteractionForm(
  id: string,
  request: Request,
): Promise<{ interaction: Interaction; form: URLSearchParams } | Response> {
  const interaction = await findInteraction(id, (await cookies()).get(INTERACTION_COOKIE)?.value);
  if (!interaction) return interactionPage(id);
  const form = await readFormBody(request).catch(() => new URLSearchParams());
  if (!checkCsrfToken(interaction, form.get("csrf_token"))) return interactionPage(id, "csrf");
  return { interaction, form };
}

/**
 * A login is complete (the password, or a first login's new password): a new AS session starts (ending
 * this browser's previous one, whoever it belonged to), the interaction records the user and auth_time,
 * and the browser goes on to the code or the consent page (afterLogin). 303 with the session cookie;
 * `log`'s checks are flushed to the flow's trace.
 */
export async function continueWithNewSession(
  interaction: Interaction,
  userId: string,
  log: ReturnType<typeof checkLog>,
): Promise<Response> {
  const { cookieValue, session } = await createSession(userId, (await cookies()).get(SESSION_COOKIE)?.value);
  await attachUser(interaction.id, userId, session.authTime);
  const done = await afterLogin(protocolDependencies(env(), db()), interaction, userId, session.authTime, log);
  await log.flush(await traceIdFromState(interaction.request.state, interaction.request.client_id));
  const response = NextResponse.redirect(done ?? new URL(`/interaction/${interaction.id}`, env().ISSUER), 303);
  response.cookies.set(SESSION_COOKIE, cookieValue, sessionCookieOptions(env().SESSION_TTL));
  response.headers.set("Cache-Control", "no-store");
  return response;
}
