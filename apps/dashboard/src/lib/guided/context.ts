// What every guided step needs to know about the world: the discovered authorization server, the
// dashboard's client registration, the guided redirect URI and the mail API.
import "server-only";
import type { AuthorizationServerMetadata } from "@oauth-flow-lab/oauth";
import { env } from "@/env";
import { authorizationServerMetadata, clientCredentials } from "@/lib/authorization-server";
import type { ClientCredentials } from "@/lib/oauth/client-authentication";

export type GuidedContext = {
  issuer: string;
  metadata: AuthorizationServerMetadata;
  client: ClientCredentials;
  /** The guided flow's own registered redirect URI (RFC 6749 §3.1.2), not next-auth's. */
  redirect_uri: string;
  mail_api_url: string;
};

/** The guided flow's redirect URI, registered at the AS by the seed. */
export function guidedRedirectUri(): string {
  return `${env().NEXTAUTH_URL}/guided/callback`;
}

/** The demo clock controls (GUIDED_DEMO_CONTROLS=1): shown and accepted only in the demo configuration. */
export function guidedDemoControls(): boolean {
  return env().GUIDED_DEMO_CONTROLS === "1";
}

export async function guidedContext(): Promise<GuidedContext> {
  const e = env();
  return {
    issuer: e.ISSUER,
    metadata: await authorizationServerMetadata(),
    client: clientCredentials(),
    redirect_uri: guidedRedirectUri(),
    mail_api_url: e.MAIL_API_URL,
  };
}
