import { readBodyText } from "@oauth-flow-lab/oauth";
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { env } from "@/env";
import { db } from "@/lib/db";
import { authorizationErrorPage, htmlEndpointFailure, seeOther } from "@/lib/http";
import { withRequestLog } from "@/lib/log";
import { checkLog, traceIdFromState } from "@/lib/trace";
import { authorize } from "@/protocol/authorize";
import { protocolDependencies } from "@/protocol/dependencies";
import { INTERACTION_COOKIE, interactionCookieOptions } from "@/protocol/interactions";
import { FORM_BODY_LIMIT, readParameterOrUndefined } from "@/protocol/parameters";
import { findSession, SESSION_COOKIE } from "@/protocol/sessions";

export const dynamic = "force-dynamic";

/** RFC 6749 §3.1: the authorization endpoint (GET; OpenID Connect also allows a form POST). */
async function handle(query: URLSearchParams): Promise<Response> {
  try {
    const session = await findSession((await cookies()).get(SESSION_COOKIE)?.value);
    const log = checkLog("/authorize");
    const outcome = await authorize(protocolDependencies(env(), db()), query, session, log);
    // The trace joins the flow only with one well-formed state and client_id (a repeated one is no key).
    await log.flush(await traceIdFromState(readParameterOrUndefined(query, "state"), readParameterOrUndefined(query, "client_id")));
    switch (outcome.kind) {
      case "error-page":
        return authorizationErrorPage(outcome.error);
      case "redirect":
        return seeOther(outcome.url);
      case "interaction": {
        const response = NextResponse.redirect(new URL(`/interaction/${outcome.id}`, env().ISSUER), 303);
        response.cookies.set(INTERACTION_COOKIE, outcome.cookieValue, interactionCookieOptions(outcome.id));
        response.headers.set("Cache-Control", "no-store");
        return response;
      }
    }
  } catch (error) {
    const unavailable = await htmlEndpointFailure(error, "authorize failed");
    if (unavailable) return unavailable;
    return new Response("The authorization server could not process this request.", { status: 500 });
  }
}

export async function GET(request: Request) {
  return withRequestLog(request, () => handle(new URL(request.url).searchParams));
}

export async function POST(request: Request) {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim();
  if (type !== "application/x-www-form-urlencoded") {
    return new Response("The authorization request must be form-encoded.", { status: 400 });
  }
  return withRequestLog(request, async () => {
    const body = await readBodyText(request, FORM_BODY_LIMIT).catch(() => undefined);
    if (body === undefined) return new Response("The authorization request is too large.", { status: 400 });
    return handle(new URLSearchParams(body));
  });
}
