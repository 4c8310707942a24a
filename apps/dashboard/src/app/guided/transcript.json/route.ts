// The transcript of the browser's guided flow, as a JSON download. Tokens yes; the client secret and
// the trace capability never. Only the guided client's credentials are in reach here.
import { NO_STORE_HEADERS } from "@oauth-flow-lab/oauth";
import { guidedClient, teachingModeOff } from "@/lib/guided/context";
import { currentFlow } from "@/lib/guided/flows";
import { exportTranscript } from "@/lib/guided/transcript";
import { stateRoute } from "@/lib/state/unavailable";

export const dynamic = "force-dynamic";

export const GET = stateRoute("json", async () => {
  const off = teachingModeOff();
  if (off) return off;
  const flow = await currentFlow();
  if (!flow) return Response.json({ error: "no guided flow in progress" }, { status: 404, headers: NO_STORE_HEADERS });
  return new Response(exportTranscript(flow, guidedClient()), {
    headers: {
      ...NO_STORE_HEADERS,
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="guided-flow-${flow.started_at.slice(0, 19).replace(/:/g, "-")}.json"`,
    },
  });
});
