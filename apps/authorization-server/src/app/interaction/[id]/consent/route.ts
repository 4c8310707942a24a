import { mayReceiveCode } from "@/accounts/first-login-password";
import { env } from "@/env";
import { db } from "@/lib/db";
import { htmlEndpointFailure, seeOther } from "@/lib/http";
import { interactionPage, readInteractionForm } from "@/lib/interaction-form";
import { checkLog, traceIdFromState } from "@/lib/trace";
import { decideConsent } from "@/protocol/authorize";
import { protocolDependencies } from "@/protocol/dependencies";

export const dynamic = "force-dynamic";

/** The consent form's target: approve or deny, then 303 back to the client's redirect_uri. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const read = await readInteractionForm(id, request);
    if (read instanceof Response) return read;
    const decision = read.form.get("decision");
    if (decision !== "allow" && decision !== "deny") return interactionPage(id);
    // A one-time password not yet replaced, or an account disabled meanwhile: no code.
    if (read.interaction.userId !== null && !(await mayReceiveCode(db(), read.interaction.userId))) return interactionPage(id);
    const log = checkLog("/interaction/consent");
    const url = await decideConsent(protocolDependencies(env(), db()), read.interaction, decision === "allow", log);
    await log.flush(await traceIdFromState(read.interaction.request.state, read.interaction.request.client_id), {
      interaction_id: id,
      code: url?.searchParams.get("code") ?? undefined,
    });
    return url ? seeOther(url) : interactionPage(id);
  } catch (error) {
    // Back to the interaction's page once the database answers again (it is a GET).
    const unavailable = await htmlEndpointFailure(error, "consent failed", `/interaction/${encodeURIComponent(id)}`);
    return unavailable ?? interactionPage(id, "server");
  }
}
