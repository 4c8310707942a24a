import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { env } from "@/env";
import { seeOther } from "@/lib/http";
import { afterLogin } from "@/protocol/authorize";
import { INTERACTION_COOKIE, attachUser, checkCsrfToken, findInteraction } from "@/protocol/interactions";
import { readFormBody } from "@/protocol/parameters";
import { SESSION_COOKIE, createSession, sessionCookieOptions } from "@/protocol/sessions";
import { verifyPassword } from "@/protocol/users";

export const dynamic = "force-dynamic";

/** The login form's target. Always answers 303 so the browser follows with a GET. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const page = (error?: string) =>
    seeOther(new URL(`/interaction/${encodeURIComponent(id)}${error ? `?error=${error}` : ""}`, env().ISSUER));
  try {
    const interaction = await findInteraction(id, (await cookies()).get(INTERACTION_COOKIE)?.value);
    if (!interaction) return page();
    const form = await readFormBody(request).catch(() => new URLSearchParams());
    if (!checkCsrfToken(interaction, form.get("csrf_token"))) return page("csrf");
    const user = await verifyPassword(form.get("username") ?? "", form.get("password") ?? "");
    if (!user) return page("credentials");

    const { cookieValue, session } = await createSession(user.id);
    await attachUser(interaction.id, user.id, session.authTime);
    const done = await afterLogin(interaction, user.id, session.authTime);
    const response = NextResponse.redirect(done ?? new URL(`/interaction/${interaction.id}`, env().ISSUER), 303);
    response.cookies.set(SESSION_COOKIE, cookieValue, sessionCookieOptions(env().SESSION_TTL));
    response.headers.set("Cache-Control", "no-store");
    return response;
  } catch (error) {
    console.error("login failed", error);
    return page("server");
  }
}
