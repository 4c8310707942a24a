// A run's transcript, as a JSON download: exchanges, trace events and verdicts. Tokens yes (alice is a
// demo user); no client secret and no trace capability, ever. Attack lab only.
import { NO_STORE_HEADERS } from "@oauth-flow-lab/oauth";
import { attackContext, attackLabOff } from "@/lib/attacks/lab";
import { scenario as findScenario } from "@/lib/attacks/registry";
import { currentRuns } from "@/lib/attacks/runs";
import { exportAttackTranscript } from "@/lib/attacks/transcript";
import { runStatus } from "@/lib/attacks/verdict";
import { stateRoute } from "@/lib/state/unavailable";

export const dynamic = "force-dynamic";

export const GET = stateRoute("json", async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const off = attackLabOff();
  if (off) return off;
  const s = findScenario((await params).id);
  const run = s ? (await currentRuns())?.runs.get(s.id) : undefined;
  if (!s || !run) return Response.json({ error: "no run of this scenario" }, { status: 404, headers: NO_STORE_HEADERS });
  const body = exportAttackTranscript(s, run, runStatus(run), (await attackContext()).secrets());
  return new Response(body, {
    headers: {
      ...NO_STORE_HEADERS,
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="attack-${s.id}-${run.started_at.slice(0, 19).replace(/:/g, "-")}.json"`,
    },
  });
});
