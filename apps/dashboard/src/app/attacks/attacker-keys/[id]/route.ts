// The attacker's published key (scenario 4's jku forgery): its JWK Set, or with ?format=jwk the single
// JWK. Public keys only, kept a few minutes. Attack lab only.
import { NO_STORE_HEADERS } from "@oauth-flow-lab/oauth";
import { attackerKey } from "@/lib/attacks/attacker-keys";
import { attackLabOff } from "@/lib/attacks/lab";
import { stateRoute } from "@/lib/state/unavailable";

export const dynamic = "force-dynamic";

export const GET = stateRoute("json", async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const off = attackLabOff();
  if (off) return off;
  const jwk = await attackerKey((await params).id);
  if (!jwk) return Response.json({ error: "no such key" }, { status: 404, headers: NO_STORE_HEADERS });
  const single = new URL(request.url).searchParams.get("format") === "jwk";
  return Response.json(single ? jwk : { keys: [jwk] }, { headers: NO_STORE_HEADERS });
});
