// The guided flow's buttons: each is a form POST here, answered 303 to the step page that shows the result.
import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { env } from "@/env";
import { readFormOrEmpty } from "@/lib/form-body";
import { exchangeGuidedCode, requestGuidedUserInfo } from "@/lib/guided/code-exchange";
import { type GuidedContext, guidedContext, guidedDemoControls, teachingModeOff } from "@/lib/guided/context";
import type { GuidedFlow } from "@/lib/guided/flow";
import { currentFlow, endFlow, flowCookieOptions, GUIDED_FLOW_COOKIE, saveFlow } from "@/lib/guided/flows";
import { prepareLoginRequest } from "@/lib/guided/login-request";
import { refreshGuidedTokens } from "@/lib/guided/refresh";
import { callMailApi } from "@/lib/guided/resource-request";
import { revokeGuidedGrant } from "@/lib/guided/revoke";
import { GUIDED_STEP_IDS, type GuidedStepId, guidedPath } from "@/lib/guided/steps";
import { expireAccessTokenInClientView } from "@/lib/guided/token-lifecycle";
import { epochSeconds } from "@/lib/oauth/token-expiry";
import { stateRoute } from "@/lib/state/unavailable";

export const dynamic = "force-dynamic";

const actionSchema = z.enum([
  "start",
  "reset",
  "send-token-request",
  "call-mail-api",
  "refresh",
  "revoke",
  "call-mail-api-again",
  "expire-access-token",
]);
const formSchema = z.object({
  presenter: z.literal("1").optional().catch(undefined),
  /** The page a demo control was pressed on, to go back to it. */
  from: z.enum(GUIDED_STEP_IDS).optional().catch(undefined),
});

// On a state store outage: the 503 page, whose "Try again" leads back to the guided flow.
export const POST = stateRoute({ retry: () => "/guided" }, post);

async function post(request: NextRequest, { params }: { params: Promise<{ action: string }> }) {
  const off = teachingModeOff();
  if (off) return off;
  const { NEXTAUTH_URL } = env();
  // CSRF: the cookie is SameSite=Lax already; also refuse a POST that says it comes from elsewhere.
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== new URL(NEXTAUTH_URL).origin) return new Response("cross-origin request refused", { status: 403 });
  const action = actionSchema.safeParse((await params).action);
  if (!action.success) return new Response("unknown action", { status: 404 });
  const form = formSchema.parse(Object.fromEntries(await readFormOrEmpty(request)));
  const presenter = form.presenter === "1";
  const to = (step: GuidedStepId | undefined) => NextResponse.redirect(new URL(guidedPath(step, presenter), NEXTAUTH_URL), 303);

  // The demo clock follows teaching mode (checked above); kept explicit in case they ever part.
  if (action.data === "expire-access-token" && !guidedDemoControls()) return new Response("Not Found", { status: 404 });

  if (action.data === "start" || action.data === "reset") {
    const old = request.cookies.get(GUIDED_FLOW_COOKIE)?.value;
    if (old) await endFlow(old);
    if (action.data === "reset") {
      const response = to(undefined);
      response.cookies.set(GUIDED_FLOW_COOKIE, "", { ...flowCookieOptions(), maxAge: 0 });
      return response;
    }
    let flow: Awaited<ReturnType<typeof prepareLoginRequest>>;
    try {
      flow = await prepareLoginRequest(await guidedContext());
    } catch (error) {
      // Discovery failed: without LabMail's metadata there is no authorization URL to build.
      const reason = error instanceof Error ? error.message : String(error);
      return new Response(`LabMail could not be reached (${reason}). Try again in a moment.`, {
        status: 503,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
    }
    flow.presenter = presenter;
    await saveFlow(flow);
    const response = to("1");
    response.cookies.set(GUIDED_FLOW_COOKIE, flow.id, flowCookieOptions());
    return response;
  }

  const flow = await currentFlow();
  if (!flow) return to(undefined);
  const context = await guidedContext();
  // The flow read from the store is a copy (lib/state/store.ts): every action saves what it changed.
  const response = await act(action.data, flow, context, form.from, to);
  await saveFlow(flow);
  return response;
}

async function act(
  action: Exclude<z.infer<typeof actionSchema>, "start" | "reset">,
  flow: GuidedFlow,
  context: GuidedContext,
  from: GuidedStepId | undefined,
  to: (step: GuidedStepId | undefined) => NextResponse,
): Promise<NextResponse> {
  switch (action) {
    case "send-token-request":
      try {
        await exchangeGuidedCode(flow, context);
        delete flow.errors["4"];
        // Step 5's UserInfo request, its own recorded exchange, right after the tokens arrived.
        await requestGuidedUserInfo(flow, context);
        // Back to step 4: it now shows the request exactly as oauth4webapi sent it.
        return to("4");
      } catch (error) {
        flow.errors["4"] = error instanceof Error ? error.message : String(error);
        return to("4");
      }
    case "call-mail-api":
      if (!flow.tokens) return to("6");
      flow.phase_started_at.resource ??= new Date().toISOString();
      await callMailApi(flow, context, flow.tokens.access_token, "6");
      return to("6");
    case "refresh":
      await refreshGuidedTokens(flow, context).catch((error: unknown) => {
        flow.errors.refresh = error instanceof Error ? error.message : String(error);
      });
      return to("refresh");
    case "revoke": {
      const problem = await revokeGuidedGrant(flow, context);
      if (problem) flow.errors.revoke = problem;
      else delete flow.errors.revoke;
      return to("revoke");
    }
    case "expire-access-token":
      // The client's own view only: the token and its exp stay as LabMail issued them.
      expireAccessTokenInClientView(flow, epochSeconds());
      return to(from ?? "5");
    case "call-mail-api-again":
      if (flow.revoked?.access_token) await callMailApi(flow, context, flow.revoked.access_token, "revoke");
      return to("revoke");
  }
}
