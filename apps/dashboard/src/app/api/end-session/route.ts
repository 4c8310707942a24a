// The sign-out button asks here, before next-auth clears the session, where the browser goes next:
// LabMail's end_session_endpoint with this session's ID token (OpenID Connect RP-Initiated Logout 1.0).
import { endSessionRedirect } from "@/lib/authorization-server";
import { getSessionToken } from "@/lib/session";

export const dynamic = "force-dynamic";

/** POST only, same origin (no CORS): the answer carries the ID token. */
export async function POST(): Promise<Response> {
  const token = await getSessionToken();
  const url = token ? await endSessionRedirect(token.id_token) : undefined;
  return Response.json({ url: url?.href ?? null }, { headers: { "Cache-Control": "no-store" } });
}
