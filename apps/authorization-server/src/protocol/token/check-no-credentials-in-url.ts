import { defineCheck, InvalidRequest } from "@oauth-flow-lab/oauth";
import type { TokenContext } from "./context";

/** RFC 6749 §2.3.1: secrets, codes and tokens travel in the body; the URL would leak them to logs. */
export const noCredentialsInUrlCheck = defineCheck<TokenContext>({
  id: "no-credentials-in-url",
  rfc: "RFC 6749 §2.3.1",
  title: "No secret, code or refresh token in the URL",
  run(ctx) {
    const query = new URL(ctx.request.url).searchParams;
    if (query.has("client_secret") || query.has("code") || query.has("refresh_token")) {
      throw new InvalidRequest("parameters must be sent in the request body, not the URL");
    }
  },
});
