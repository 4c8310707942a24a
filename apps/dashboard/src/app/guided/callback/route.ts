// Step 3: the guided flow's redirect URI. The AS sends the browser here with code, state and iss.
import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/env";
import { processAuthorizationResponse } from "@/lib/guided/authorization-response";
import { guidedContext, teachingModeOff } from "@/lib/guided/context";
import { currentFlow, saveFlow } from "@/lib/guided/flows";
import { guidedPath } from "@/lib/guided/steps";
import { stateRoute } from "@/lib/state/unavailable";

export const dynamic = "force-dynamic";

export const GET = stateRoute("page", async (request: NextRequest) => {
  const off = teachingModeOff();
  if (off) return off;
  const { NEXTAUTH_URL } = env();
  const flow = await currentFlow();
  if (!flow) return NextResponse.redirect(new URL("/guided?expired=1", NEXTAUTH_URL), 303);

  const context = await guidedContext();
  const query = request.nextUrl.searchParams;
  const { response, checks } = processAuthorizationResponse(flow, query, { as: context.as, client_id: context.client.client_id });
  const received = new URL(`/guided/callback${request.nextUrl.search}`, NEXTAUTH_URL).href;
  const now = new Date().toISOString();
  // Step 2 as the browser was sent to it (the URL built in step 1; LabMail's answer, its login page,
  // went to the browser only), then step 3 as it arrived here. Recorded once, on the first callback.
  if (!flow.transcript.some((e) => e.step === "2")) {
    flow.transcript.push({
      step: "2",
      channel: "front",
      at: flow.started_at,
      request: { method: "GET", url: flow.authorization_url, headers: {} },
    });
  }
  flow.transcript.push({
    step: "3",
    channel: "front",
    at: now,
    request: { method: "GET", url: received, headers: { host: request.nextUrl.host } },
    response: { status: 303, headers: { location: "/guided/3" } },
  });
  flow.checks = [...flow.checks.filter((c) => c.step !== "3"), ...checks];
  flow.authorization_response = response;
  await saveFlow(flow);
  return NextResponse.redirect(new URL(guidedPath("3", flow.presenter === true), NEXTAUTH_URL), 303);
});
