// The Compose form's target: a plain form POST (no server action, so that no other page accepts
// action requests). Parsed with zod, sent through the mail API with the session's access token.
import { z } from "zod";
import { env } from "@/env";
import { readFormOrEmpty } from "@/lib/form-body";
import { sendMessage } from "@/lib/mail-api";
import { getSessionToken } from "@/lib/session";

export const dynamic = "force-dynamic";

const draftSchema = z.object({
  to: z.email().max(254),
  subject: z.string().trim().min(1).max(200),
  body: z.string().min(1).max(10_000),
});

function back(query: string): Response {
  return new Response(null, {
    status: 303,
    headers: { Location: new URL(`/compose?${query}`, env().NEXTAUTH_URL).href, "Cache-Control": "no-store" },
  });
}

export async function POST(request: Request): Promise<Response> {
  // Only the dashboard's own form (the session cookie is SameSite=Lax too).
  if (request.headers.get("origin") !== new URL(env().NEXTAUTH_URL).origin) {
    return new Response("Bad request: cross-site form.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const form = await readFormOrEmpty(request);
  const draft = draftSchema.safeParse({
    to: form.get("to") ?? undefined,
    subject: form.get("subject") ?? undefined,
    body: form.get("body") ?? undefined,
  });
  if (!draft.success) return back("error=invalid");
  const token = await getSessionToken();
  if (!token) return new Response(null, { status: 303, headers: { Location: new URL("/", env().NEXTAUTH_URL).href } });
  const result = await sendMessage(token.access_token, draft.data);
  if (!result.ok) return back(`error=${result.problem.kind}`);
  return back(`sent=${encodeURIComponent(result.data.id)}`);
}
