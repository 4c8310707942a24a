// The naive twins' callback routes, one handler (attack lab only): complete the login the twin's way,
// then do what that twin does with the tokens. Route files under app/attacks/naive/** only call this.
import "server-only";
import { NO_STORE_HEADERS } from "@oauth-flow-lab/oauth";
import { isStateStoreUnavailable } from "@/lib/state/store";
import { stateRoute } from "@/lib/state/unavailable";
import { attackContext, attackLabOff } from "../lab";
import { completeNaiveLogin, type NaiveTwin, readNaiveMailbox } from "./naive-client";

/** Where the browser-tokens twin sends the browser after its callback: the token in the URL (its flaw). */
export const BROWSER_TOKENS_INBOX_PATH = "/attacks/naive/browser-tokens/inbox";

/** Wrapped in stateRoute: the pending login is kept in the state store, whose outage answers 503. */
export const naiveCallback = stateRoute("json", async (request: Request, twin: NaiveTwin): Promise<Response> => {
  const off = attackLabOff();
  if (off) return off;
  const ctx = await attackContext();
  try {
    const signIn = await completeNaiveLogin(ctx, twin, new URL(request.url).searchParams);
    if (twin === "browserTokens") {
      // RFC 9700 §4.3.2 says never: the live access token in a URL that history and Referer keep.
      const inbox = new URL(BROWSER_TOKENS_INBOX_PATH, `${ctx.dashboard_url}/`);
      inbox.searchParams.set("access_token", signIn.access_token);
      return new Response(null, { status: 303, headers: { ...NO_STORE_HEADERS, location: inbox.href } });
    }
    const mailbox = await readNaiveMailbox(ctx, signIn.access_token);
    return Response.json({ signed_in_as: signIn.signed_in_as, mailbox }, { headers: NO_STORE_HEADERS });
  } catch (error) {
    if (isStateStoreUnavailable(error)) throw error;
    return Response.json(
      { error: "login_failed", error_description: error instanceof Error ? error.message : String(error) },
      { status: 400, headers: NO_STORE_HEADERS },
    );
  }
});

/** The browser-tokens twin's inbox: reads the token from its own URL. */
export async function naiveBrowserTokensInbox(request: Request): Promise<Response> {
  const off = attackLabOff();
  if (off) return off;
  const access_token = new URL(request.url).searchParams.get("access_token");
  if (!access_token)
    return Response.json(
      { error: "invalid_request", error_description: "no access_token in the URL" },
      { status: 400, headers: NO_STORE_HEADERS },
    );
  const mailbox = await readNaiveMailbox(await attackContext(), access_token);
  return Response.json({ mailbox }, { headers: NO_STORE_HEADERS });
}
