// "Mark as read / unread": a plain form POST (no server action, like Compose's), sent through the mail
// API's PATCH /v1/messages/{id} with the session's access token (needs mail.modify).
import { z } from "zod";
import { env } from "@/env";
import { readFormOrEmpty } from "@/lib/form-body";
import { setUnread } from "@/lib/mail-api";
import { listHref } from "@/lib/mail-list-position";
import { getSessionToken } from "@/lib/session";

export const dynamic = "force-dynamic";

const formSchema = z.object({ unread: z.enum(["true", "false"]).transform((v) => v === "true") });

function redirect(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: new URL(path, env().NEXTAUTH_URL).href, "Cache-Control": "no-store" } });
}

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  // Only the dashboard's own form (the session cookie is SameSite=Lax too).
  if (request.headers.get("origin") !== new URL(env().NEXTAUTH_URL).origin) {
    return new Response("Bad request: cross-site form.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const { id } = await params;
  const here = `/inbox/${encodeURIComponent(id)}`;
  const form = formSchema.safeParse(Object.fromEntries(await readFormOrEmpty(request)));
  if (!form.success) return redirect(`${here}?error=modify`);
  const token = await getSessionToken();
  if (!token) return redirect("/");
  const result = await setUnread(token.access_token, id, form.data.unread);
  if (!result.ok) return redirect(`${here}?error=modify`);
  // Marked unread: back to its folder (opening it again would mark it read); marked read: stay.
  return redirect(
    form.data.unread ? `${listHref({ folder: result.data.folder })}${result.data.folder === "inbox" ? "?" : "&"}marked=unread` : here,
  );
}
