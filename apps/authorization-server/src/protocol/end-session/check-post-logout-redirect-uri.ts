import { defineCheck, InvalidRequest, required } from "@oauth-flow-lab/oauth";
import type { EndSessionContext } from "./context";

/**
 * RP-Initiated Logout 1.0 §3: `post_logout_redirect_uri` "MUST have been previously registered with
 * the OP", compared by exact string match (as redirect_uri, RFC 9700 §4.1.3). A URI that is not
 * registered for the named client, or with no client named, is refused: the AS shows its own page and
 * never redirects to it (§3: otherwise an open redirector).
 */
export const postLogoutRedirectUriCheck = defineCheck<EndSessionContext>({
  id: "post-logout-redirect-uri",
  rfc: "RP-Initiated Logout 1.0 §3",
  title: "post_logout_redirect_uri, if sent, exactly equals one registered for the client",
  run(ctx) {
    const { post_logout_redirect_uri } = required(ctx.params, "the parameters");
    const client = required(ctx.client, "the client");
    if (post_logout_redirect_uri === undefined) {
      ctx.post_logout_redirect_uri = null;
      return { detail: "none: the AS's own signed-out page" };
    }
    if (client === null) throw new InvalidRequest("post_logout_redirect_uri needs id_token_hint or client_id");
    if (!client.postLogoutRedirectUris.includes(post_logout_redirect_uri)) {
      throw new InvalidRequest("post_logout_redirect_uri is not registered for this client");
    }
    ctx.post_logout_redirect_uri = post_logout_redirect_uri;
    return { detail: post_logout_redirect_uri };
  },
});
