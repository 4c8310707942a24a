// The evil AS's token endpoint: keeps what it receives (the code and its PKCE verifier), then refuses.
import { NO_STORE_HEADERS } from "@oauth-flow-lab/oauth";
import { captureTokenRequest } from "@/lib/attacks/evil-as";
import { attackLabOff } from "@/lib/attacks/lab";
import { readFormOrEmpty } from "@/lib/form-body";
import { stateRoute } from "@/lib/state/unavailable";

export const dynamic = "force-dynamic";

export const POST = stateRoute("json", async (request: Request) => {
  const off = attackLabOff();
  if (off) return off;
  await captureTokenRequest(await readFormOrEmpty(request));
  return Response.json({ error: "invalid_grant", error_description: "thank you for the code" }, { status: 400, headers: NO_STORE_HEADERS });
});
