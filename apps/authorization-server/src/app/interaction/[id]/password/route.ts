import { changeOneTimePassword } from "@/accounts/first-login-password";
import { env } from "@/env";
import { db } from "@/lib/db";
import { htmlEndpointFailure, seeOther } from "@/lib/http";
import { continueWithNewSession, interactionPage, readInteractionForm } from "@/lib/interaction-form";
import { checkLog } from "@/lib/trace";
import { argon2idHasher } from "@/protocol/users";

export const dynamic = "force-dynamic";

/**
 * The "choose your password" form of a first login with a teacher's one-time password. Only now does
 * the login session start and may a code be issued, exactly as after a normal login. Always 303.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const read = await readInteractionForm(id, request);
    if (read instanceof Response) return read;
    const { interaction, form } = read;
    if (interaction.userId === null) return interactionPage(id);
    const change = await changeOneTimePassword({ db: db(), passwords: argon2idHasher }, interaction.userId, {
      password: form.get("new_password") ?? "",
      confirmation: form.get("confirm_password") ?? "",
    });
    if (change.outcome === "not_required") return interactionPage(id);
    if (change.outcome === "invalid") {
      // The reason only: a password never goes into a URL.
      return seeOther(new URL(`/interaction/${encodeURIComponent(id)}?password_error=${change.problem}`, env().ISSUER));
    }
    return await continueWithNewSession(interaction, interaction.userId, checkLog("/interaction/password"));
  } catch (error) {
    // Back to the interaction's page once the database answers again (it is a GET).
    const unavailable = await htmlEndpointFailure(error, "password change failed", `/interaction/${encodeURIComponent(id)}`);
    return unavailable ?? interactionPage(id, "server");
  }
}
