import { env } from "@/env";
import { db } from "@/lib/db";
import { htmlEndpointFailure } from "@/lib/http";
import { continueWithNewSession, interactionPage, readInteractionForm } from "@/lib/interaction-form";
import { checkLog, traceIdFromState } from "@/lib/trace";
import { clientAddress, trustedProxyList } from "@/protocol/client-address";
import { attachUser } from "@/protocol/interactions";
import { attemptPasswordLogin } from "@/protocol/password-login";
import { argon2idHasher } from "@/protocol/users";

export const dynamic = "force-dynamic";

/** TRUSTED_PROXIES, parsed once: X-Forwarded-For is believed only from them (client-address.ts). */
let trustedProxies: ReturnType<typeof trustedProxyList> | undefined;

/** The login form's target. Always answers 303 so the browser follows with a GET. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const read = await readInteractionForm(id, request);
    if (read instanceof Response) return read;
    const { interaction, form } = read;
    trustedProxies ??= trustedProxyList(env().TRUSTED_PROXIES);
    // Counted before the password is verified, atomically, so parallel attempts cannot outrun the throttle.
    const attempt = await attemptPasswordLogin(
      { db: db(), now: () => new Date(), passwords: argon2idHasher },
      {
        username: form.get("username") ?? "",
        password: form.get("password") ?? "",
        address: clientAddress(request.headers, trustedProxies),
      },
    );
    if (attempt.outcome === "throttled") return interactionPage(id, "throttled");
    const user = attempt.outcome === "ok" ? attempt.user : null;
    const log = checkLog("/interaction/login");
    log.push({
      id: "check-password",
      check: "Username and password verified against the argon2id hash",
      ok: user !== null,
      rfc: "RFC 6749 §3.1",
    });
    if (!user) {
      await log.flush(await traceIdFromState(interaction.request.state, interaction.request.client_id));
      return interactionPage(id, "credentials");
    }

    if (attempt.outcome === "ok" && attempt.mustChangePassword) {
      // A teacher's one-time password: the interaction knows who logged in, but no session starts and
      // no code is issued until the new password is set (../password/route.ts).
      await attachUser(interaction.id, user.id, new Date());
      await log.flush(await traceIdFromState(interaction.request.state, interaction.request.client_id));
      return interactionPage(id);
    }

    return await continueWithNewSession(interaction, user.id, log);
  } catch (error) {
    // Back to the interaction's page once the database answers again (it is a GET).
    const unavailable = await htmlEndpointFailure(error, "login failed", `/interaction/${encodeURIComponent(id)}`);
    return unavailable ?? interactionPage(id, "server");
  }
}
