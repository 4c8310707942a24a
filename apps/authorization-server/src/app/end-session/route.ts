import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { env } from "@/env";
import { db } from "@/lib/db";
import { endSessionErrorPage, htmlEndpointFailure, postedFromThisSite, seeOther } from "@/lib/http";
import { checkLog, traceIdFromState } from "@/lib/trace";
import { protocolDependencies } from "@/protocol/dependencies";
import { endSession } from "@/protocol/end-session";
import { readFormBody, readParameterOrUndefined } from "@/protocol/parameters";
import { findSession, SESSION_COOKIE, sessionCookieOptions } from "@/protocol/sessions";

export const dynamic = "force-dynamic";

/** OpenID Connect RP-Initiated Logout 1.0 §2: the end_session_endpoint, by GET or form POST. */
async function handle(query: URLSearchParams, confirmed: boolean): Promise<Response> {
  try {
    const session = await findSession((await cookies()).get(SESSION_COOKIE)?.value);
    const log = checkLog("/end-session");
    const outcome = await endSession(protocolDependencies(env(), db()), query, session, confirmed, log);
    await log.flush(await traceIdFromState(readParameterOrUndefined(query, "state"), readParameterOrUndefined(query, "client_id")));
    switch (outcome.kind) {
      case "error-page":
        return endSessionErrorPage(outcome.error);
      case "confirm":
        return seeOther(new URL(`/end-session/confirm?${new URLSearchParams(outcome.params)}`, env().ISSUER));
      case "redirect":
      case "signed-out": {
        const target = outcome.kind === "redirect" ? outcome.url : new URL("/end-session/signed-out", env().ISSUER);
        const response = NextResponse.redirect(target, 303);
        response.cookies.set(SESSION_COOKIE, "", sessionCookieOptions(0));
        response.headers.set("Cache-Control", "no-store");
        return response;
      }
    }
  } catch (error) {
    const unavailable = await htmlEndpointFailure(error, "end_session failed");
    if (unavailable) return unavailable;
    return new Response("The authorization server could not process this request.", { status: 500 });
  }
}

export async function GET(request: Request) {
  return handle(new URL(request.url).searchParams, false);
}

/**
 * §2: a client may POST the same parameters. Only the AS's own confirmation form (same origin, with
 * `confirm=yes`) counts as the user's answer.
 */
export async function POST(request: Request) {
  let body: URLSearchParams;
  try {
    body = await readFormBody(request);
  } catch {
    return new Response("The sign-out request must be form-encoded.", { status: 400 });
  }
  const confirmed = body.get("confirm") === "yes" && postedFromThisSite(request.headers, env().ISSUER);
  return handle(body, confirmed);
}
