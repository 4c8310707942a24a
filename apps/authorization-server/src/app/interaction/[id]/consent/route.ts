import { cookies } from "next/headers";
import { env } from "@/env";
import { seeOther } from "@/lib/http";
import { decideConsent } from "@/protocol/authorize";
import { INTERACTION_COOKIE, checkCsrfToken, findInteraction } from "@/protocol/interactions";
import { readFormBody } from "@/protocol/parameters";

export const dynamic = "force-dynamic";

/** The consent form's target: approve or deny, then 303 back to the client's redirect_uri. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const page = (error?: string) =>
    seeOther(new URL(`/interaction/${encodeURIComponent(id)}${error ? `?error=${error}` : ""}`, env().ISSUER));
  try {
    const interaction = await findInteraction(id, (await cookies()).get(INTERACTION_COOKIE)?.value);
    if (!interaction) return page();
    const form = await readFormBody(request).catch(() => new URLSearchParams());
    if (!checkCsrfToken(interaction, form.get("csrf_token"))) return page("csrf");
    const decision = form.get("decision");
    if (decision !== "allow" && decision !== "deny") return page();
    const url = await decideConsent(interaction, decision === "allow");
    return url ? seeOther(url) : page();
  } catch (error) {
    console.error("consent failed", error);
    return page("server");
  }
}
