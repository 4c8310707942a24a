import { InvalidClientOrRedirectUri, defineCheck, required } from "@oauth-flow-lab/oauth";
import type { RegisteredClient } from "../client-authentication";
import type { AuthorizationContext, RawAuthorizationParameters } from "./authorization-request";

/**
 * RFC 9700 §4.1.3 and §2.1: the redirect_uri must equal a registered one, character for character
 * (no prefix, subdomain, port, path, case or query tolerance). OpenID Connect requires it on every
 * request, so it is required here too. A mismatch is never redirected (RFC 6749 §4.1.2.1).
 */
export function checkRedirectUri(client: RegisteredClient, params: RawAuthorizationParameters): string {
  const redirectUri = params.redirect_uri;
  if (!redirectUri) throw new InvalidClientOrRedirectUri("the redirect_uri parameter is missing");
  if (!isRegisteredRedirectUri(client.redirectUris, redirectUri)) {
    throw new InvalidClientOrRedirectUri("this redirect_uri is not registered for the client");
  }
  return redirectUri;
}

/** Exact string comparison (RFC 3986 §6.2.1 simple string comparison), as RFC 9700 §2.1 requires. */
export function isRegisteredRedirectUri(registered: readonly string[], redirectUri: string): boolean {
  return registered.includes(redirectUri);
}

export const redirectUriCheck = defineCheck<AuthorizationContext>({
  id: "check-redirect-uri",
  rfc: "RFC 9700 §4.1.3",
  title: "redirect_uri exactly equals a registered one",
  run(ctx) {
    const redirect_uri = checkRedirectUri(required(ctx.client, "the client"), required(ctx.params, "the parameters"));
    ctx.redirect_uri = redirect_uri;
    return { detail: redirect_uri };
  },
});
