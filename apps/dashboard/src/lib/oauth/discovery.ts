// Finding the authorization server's endpoints from its issuer identifier.
import type { AuthorizationServerMetadata } from "@oauth-flow-lab/oauth";
import { z } from "zod";

/** OpenID Connect Discovery 1.0 §4: the issuer, without a trailing "/", + "/.well-known/openid-configuration". */
export function openidConfigurationUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
}

const metadataSchema = z.looseObject({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  userinfo_endpoint: z.url().optional(),
  revocation_endpoint: z.url().optional(),
});

/**
 * OpenID Connect Discovery 1.0 §4.1-4.3: fetches the provider configuration and checks that its
 * `issuer` is exactly the issuer we asked about (otherwise an attacker-controlled document could
 * point our token requests elsewhere).
 */
export async function discoverAuthorizationServer(
  issuer: string,
  fetchImpl: typeof fetch = fetch,
): Promise<AuthorizationServerMetadata> {
  const response = await fetchImpl(openidConfigurationUrl(issuer), {
    headers: { accept: "application/json" },
    cache: "no-store",
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`discovery failed: HTTP ${response.status}`);
  const metadata = metadataSchema.parse(await response.json());
  if (metadata.issuer !== issuer) {
    throw new Error(`discovery failed: issuer "${metadata.issuer}" does not match "${issuer}"`);
  }
  return metadata;
}
