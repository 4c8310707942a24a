import { defineCheck, InvalidClientOrRedirectUri, required } from "@oauth-flow-lab/oauth";
import type { RegisteredClient } from "../client-authentication";
import { redirectUriMatchingOf, UNSAFE_TWIN } from "../client-policy";
import type { AuthorizationContext, RawAuthorizationParameters } from "./authorization-request";

/** How the redirect_uri matched: "exact" for every real client. */
export type RedirectUriMatch = { redirect_uri: string; matched: "exact" | "prefix" };

/**
 * RFC 9700 §4.1.3 and §2.1: the redirect_uri must equal a registered one, character for character
 * (no prefix, subdomain, port, path, case or query tolerance). OpenID Connect requires it on every
 * request, so it is required here too. A mismatch is never redirected (RFC 6749 §4.1.2.1).
 *
 * WARNING: an attack lab twin registered with prefix matching (client-policy.ts) gets any
 * redirect_uri that starts with a registered one: the unsafe matching RFC 9700 §4.1.1 describes.
 */
export function checkRedirectUri(client: RegisteredClient, params: RawAuthorizationParameters): string {
  return matchRedirectUri(client, params).redirect_uri;
}

/** checkRedirectUri, also saying how the redirect_uri matched (the trace shows it). */
export function matchRedirectUri(client: RegisteredClient, params: RawAuthorizationParameters): RedirectUriMatch {
  const redirectUri = params.redirect_uri;
  if (!redirectUri) throw new InvalidClientOrRedirectUri("the redirect_uri parameter is missing");
  if (isRegisteredRedirectUri(client.redirectUris, redirectUri)) return { redirect_uri: redirectUri, matched: "exact" };
  if (redirectUriMatchingOf(client) === "prefix" && isPrefixOfRegisteredRedirectUri(client.redirectUris, redirectUri)) {
    return { redirect_uri: redirectUri, matched: "prefix" };
  }
  throw new InvalidClientOrRedirectUri("this redirect_uri is not registered for the client");
}

/** Exact string comparison (RFC 3986 §6.2.1 simple string comparison), as RFC 9700 §2.1 requires. */
export function isRegisteredRedirectUri(registered: readonly string[], redirectUri: string): boolean {
  return registered.includes(redirectUri);
}

/** UNSAFE (RFC 9700 §4.1.1): the redirect_uri merely starts with a registered one. Attack lab twins only. */
function isPrefixOfRegisteredRedirectUri(registered: readonly string[], redirectUri: string): boolean {
  return registered.some((uri) => redirectUri.startsWith(uri));
}

export const redirectUriCheck = defineCheck<AuthorizationContext>({
  id: "check-redirect-uri",
  rfc: "RFC 9700 §4.1.3",
  title: "redirect_uri exactly equals a registered one",
  run(ctx) {
    const { redirect_uri, matched } = matchRedirectUri(required(ctx.client, "the client"), required(ctx.params, "the parameters"));
    ctx.redirect_uri = redirect_uri;
    return { detail: matched === "exact" ? redirect_uri : `${redirect_uri} matched by PREFIX: ${UNSAFE_TWIN}` };
  },
});
