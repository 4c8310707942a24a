// "Run attack" and "Reset": form POSTs, answered 303 to the scenario's page. Attack lab only.
import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { env } from "@/env";
import { scenarioPath } from "@/lib/attacks/catalog";
import { attackLabOff } from "@/lib/attacks/lab";
import { scenario as findScenario, runScenario } from "@/lib/attacks/registry";
import { ATTACK_RUNS_COOKIE, currentRuns, forgetRun, keepRun, runsCookieOptions } from "@/lib/attacks/runs";
import { runStatus } from "@/lib/attacks/verdict";
import { readFormOrEmpty } from "@/lib/form-body";
import { reportAttackRun } from "@/lib/progress";
import { stateRoute } from "@/lib/state/unavailable";

export const dynamic = "force-dynamic";

const actionSchema = z.enum(["run", "reset"]);
const formSchema = z.object({ presenter: z.literal("1").optional().catch(undefined) });

// On a state store outage: the 503 page, whose "Try again" leads back to the page the form was on.
export const POST = stateRoute({ retry: (request) => new URL(request.url).pathname.replace(/\/actions\/[^/]*$/, "") }, post);

async function post(request: NextRequest, { params }: { params: Promise<{ id: string; action: string }> }) {
  const off = attackLabOff();
  if (off) return off;
  const { NEXTAUTH_URL } = env();
  // CSRF: the cookie is SameSite=Lax already; also refuse a POST that says it comes from elsewhere.
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== new URL(NEXTAUTH_URL).origin) return new Response("cross-origin request refused", { status: 403 });
  const { id, action: rawAction } = await params;
  const s = findScenario(id);
  const action = actionSchema.safeParse(rawAction);
  if (!s || !action.success) return new Response("Not Found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const form = formSchema.parse(Object.fromEntries(await readFormOrEmpty(request)));
  const back = NextResponse.redirect(new URL(scenarioPath(s.id, form.presenter === "1"), NEXTAUTH_URL), 303);
  const runs = await currentRuns();
  if (action.data === "reset") {
    await forgetRun(runs, s.id);
    return back;
  }
  const run = await runScenario(s);
  const status = runStatus(run);
  // The teacher console sees how the run ended, for the student signed in to MailDash (lib/progress.ts).
  if (status !== "not-run") await reportAttackRun(s.id, status);
  const browser = await keepRun(runs, run);
  back.cookies.set(ATTACK_RUNS_COOKIE, browser.id, runsCookieOptions());
  return back;
}
