import { NextResponse } from "next/server";
import { env } from "@/env";
import { db } from "@/lib/db";
import { interactionPage, readInteractionForm } from "@/lib/interaction-form";
import { afterLogin } from "@/protocol/authorize";
import { protocolDependencies } from "@/protocol/dependencies";
import { attachUser } from "@/protocol/interactions";
import { checkLog, traceIdFromState } from "@/lib/trace";
import { clearFailures, lockedUntil, recordFailure, throttleKeys } from "@/protocol/login-throttle";
import { SESSION_COOKIE, createSession, sessionCookieOptions } from "@/protocol/sessions";
import { verifyPassword } from "@/protocol/users";

export const dynamic = "force-dynamic";

/**
 * The client's address as Next.js passes it on (X-Forwarded-For, set from the socket when absent).
 * A client can supply its own header and so dodge the per-address limit, never the per-account one.
 */
function clientAddress(request: Request): string | null {
  return request.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || null;
}

/** The login form's target. Always answers 303 so the browser follows with a GET. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const read = await readInteractionForm(id, request);
    if (read instanceof Response) return read;
    const { interaction, form } = read;
    const username = form.get("username") ?? "";
    const keys = throttleKeys(username, clientAddress(request));
    if (await lockedUntil(keys)) return interactionPage(id, "throttled");
    const user = await verifyPassword(username, form.get("password") ?? "");
    const log = checkLog("/interaction/login");
    log.push({ id: "check-password", check: "Username and password verified against the argon2id hash", ok: user !== null, rfc: "RFC 6749 §3.1" });
    if (!user) {
      await log.flush(await traceIdFromState(interaction.request.state, interaction.request.client_id));
      await recordFailure(keys);
      return interactionPage(id, "credentials");
    }
    await clearFailures(keys);

    const { cookieValue, session } = await createSession(user.id);
    await attachUser(interaction.id, user.id, session.authTime);
    const done = await afterLogin(protocolDependencies(env(), db()), interaction, user.id, session.authTime, log);
    await log.flush(await traceIdFromState(interaction.request.state, interaction.request.client_id));
    const response = NextResponse.redirect(done ?? new URL(`/interaction/${interaction.id}`, env().ISSUER), 303);
    response.cookies.set(SESSION_COOKIE, cookieValue, sessionCookieOptions(env().SESSION_TTL));
    response.headers.set("Cache-Control", "no-store");
    return response;
  } catch (error) {
    console.error("login failed", error);
    return interactionPage(id, "server");
  }
}
