import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { changeOneTimePassword } from "@/accounts/first-login-password";
import { env } from "@/env";
import { db } from "@/lib/db";
import { htmlEndpointFailure, seeOther } from "@/lib/http";
import { interactionPage, readInteractionForm } from "@/lib/interaction-form";
import { checkLog, traceIdFromState } from "@/lib/trace";
import { afterLogin } from "@/protocol/authorize";
import { protocolDependencies } from "@/protocol/dependencies";
import { attachUser } from "@/protocol/interactions";
import { createSession, SESSION_COOKIE, sessionCookieOptions } from "@/protocol/sessions";
import { argon2idHasher } from "@/protocol/users";

export const dynamic = "force-dynamic";

/**
 * The "choose your password" form of a first login with a teacher's one-time password. Only now does
 * the login session start and may a code be issued, exactly as after a normal login. Always 303.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const read = await readInteractionForm(id, request);
    if (read instanceof Response) return read;
    const { interaction, form } = read;
    if (interaction.userId === null) return interactionPage(id);
    const change = await changeOneTimePassword({ db: db(), passwords: argon2idHasher }, interaction.userId, {
      password: form.get("new_password") ?? "",
      confirmation: form.get("confirm_password") ?? "",
    });
    if (change.outcome === "not_required") return interactionPage(id);
    if (change.outcome === "invalid") {
      // The reason only: a password never goes into a URL.
      return seeOther(new URL(`/interaction/${encodeURIComponent(id)}?password_error=${change.problem}`, env().ISSUER));
    }
    const { cookieValue, session } = await createSession(interaction.userId, (await cookies()).get(SESSION_COOKIE)?.value);
    await attachUser(interaction.id, interaction.userId, session.authTime);
    const log = checkLog("/interaction/password");
    const done = await afterLogin(protocolDependencies(env(), db()), interaction, interaction.userId, session.authTime, log);
    await log.flush(await traceIdFromState(interaction.request.state, interaction.request.client_id));
    const response = NextResponse.redirect(done ?? new URL(`/interaction/${interaction.id}`, env().ISSUER), 303);
    response.cookies.set(SESSION_COOKIE, cookieValue, sessionCookieOptions(env().SESSION_TTL));
    response.headers.set("Cache-Control", "no-store");
    return response;
  } catch (error) {
    // Back to the interaction's page once the database answers again (it is a GET).
    const unavailable = await htmlEndpointFailure(error, "password change failed", `/interaction/${encodeURIComponent(id)}`);
    return unavailable ?? interactionPage(id, "server");
  }
}
