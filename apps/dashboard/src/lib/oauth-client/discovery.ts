// Finding the authorization server's endpoints from its issuer identifier.
import * as oauth from "oauth4webapi";
import { type Http, requestOptions } from "./http";

/** OpenID Connect Discovery 1.0 §4: the issuer, without a trailing "/", + "/.well-known/openid-configuration". */
export function openidConfigurationUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
}

/**
 * OpenID Connect Discovery 1.0 §4.1–4.3 (https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig),
 * RFC 8414 §3.3: fetches the provider configuration; oauth4webapi checks that its `issuer` is exactly
 * the one we asked about (otherwise a forged document could point our token requests elsewhere).
 */
export async function discoverAuthorizationServer(issuer: string, http: Http = {}): Promise<oauth.AuthorizationServer> {
  const issuerUrl = new URL(issuer);
  const response = await oauth.discoveryRequest(issuerUrl, { algorithm: "oidc", ...requestOptions(issuer, { timeoutMs: 5_000, ...http }) });
  return oauth.processDiscoveryResponse(issuerUrl, response);
}
