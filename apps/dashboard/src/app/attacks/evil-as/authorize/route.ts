// The evil AS's authorization endpoint: it sends the browser on to LabMail's with the client's request
// unchanged, so that the code comes from LabMail while the client believes it asked the evil AS.
import { NO_STORE_HEADERS } from "@oauth-flow-lab/oauth";
import { attackContext, attackLabOff } from "@/lib/attacks/lab";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const off = attackLabOff();
  if (off) return off;
  const { as } = await attackContext();
  if (!as.authorization_endpoint) return Response.json({ error: "server_error" }, { status: 500, headers: NO_STORE_HEADERS });
  const honest = new URL(as.authorization_endpoint);
  honest.search = new URL(request.url).search;
  return new Response(null, { status: 302, headers: { ...NO_STORE_HEADERS, location: honest.href } });
}
