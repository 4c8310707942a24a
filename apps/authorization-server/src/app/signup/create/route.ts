import { signUp } from "@/accounts/signup";
import { interactionIdOrNull } from "@/accounts/signup-return";
import { env } from "@/env";
import { db } from "@/lib/db";
import { htmlEndpointFailure, postedFromThisSite, seeOther } from "@/lib/http";
import { clientAddress, trustedProxyList } from "@/protocol/client-address";
import { readFormBody } from "@/protocol/parameters";
import { argon2idHasher } from "@/protocol/users";

export const dynamic = "force-dynamic";

/** TRUSTED_PROXIES, parsed once (client-address.ts). */
let trustedProxies: ReturnType<typeof trustedProxyList> | undefined;

/**
 * The sign-up form's target; always 303 back to /signup. There is no session yet to bind a CSRF token
 * to, so a cross-site form post is refused by its fetch metadata (postedFromThisSite).
 */
export async function POST(request: Request) {
  const back = (query: Record<string, string>) => seeOther(new URL(`/signup?${new URLSearchParams(query)}`, env().ISSUER));
  if (!postedFromThisSite(request.headers, env().ISSUER)) return back({ error: "csrf" });
  try {
    const form = await readFormBody(request).catch(() => new URLSearchParams());
    const interaction = interactionIdOrNull(form.get("interaction"));
    const keep: Record<string, string> = interaction ? { interaction } : {};
    trustedProxies ??= trustedProxyList(env().TRUSTED_PROXIES);
    const outcome = await signUp(
      { db: db(), now: () => new Date(), passwords: argon2idHasher },
      { username: form.get("username") ?? "", name: form.get("name") ?? "", password: form.get("password") ?? "" },
      clientAddress(request.headers, trustedProxies),
    );
    if (outcome.outcome === "created") return back({ ...keep, created: outcome.user.username });
    if (outcome.outcome === "throttled") return back({ ...keep, error: "throttled" });
    const problems = Object.fromEntries(Object.entries(outcome.problems).map(([field, code]) => [`${field}_error`, code]));
    // The username and name come back to the form; the password never goes into a URL.
    return back({
      ...keep,
      ...problems,
      username: (form.get("username") ?? "").slice(0, 32),
      name: (form.get("name") ?? "").slice(0, 80),
    });
  } catch (error) {
    return (await htmlEndpointFailure(error, "sign-up failed", "/signup")) ?? back({ error: "server" });
  }
}
