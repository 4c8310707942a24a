// What the login and consent form targets share: find the interaction for this browser, read the
// form, check its CSRF token. Anything wrong sends the browser back to the interaction page (303).
import "server-only";
import { cookies } from "next/headers";
import { env } from "@/env";
import { seeOther } from "@/lib/http";
import { checkCsrfToken, findInteraction, INTERACTION_COOKIE, type Interaction } from "@/protocol/interactions";
import { readFormBody } from "@/protocol/parameters";

export function interactionPage(id: string, error?: "credentials" | "throttled" | "csrf" | "server"): Response {
  return seeOther(new URL(`/interaction/${encodeURIComponent(id)}${error ? `?error=${error}` : ""}`, env().ISSUER));
}

export async function readInteractionForm(
  id: string,
  request: Request,
): Promise<{ interaction: Interaction; form: URLSearchParams } | Response> {
  const interaction = await findInteraction(id, (await cookies()).get(INTERACTION_COOKIE)?.value);
  if (!interaction) return interactionPage(id);
  const form = await readFormBody(request).catch(() => new URLSearchParams());
  if (!checkCsrfToken(interaction, form.get("csrf_token"))) return interactionPage(id, "csrf");
  return { interaction, form };
}
