// What every guided step needs to know about the world: whether teaching mode is on, the discovered
// authorization server, the guided flow's own client registration, its redirect URI and the mail API.
import "server-only";
import { CLIENTS } from "@oauth-flow-lab/lab";
import { formatScope } from "@oauth-flow-lab/oauth";
import { notFound } from "next/navigation";
import type { AuthorizationServer } from "oauth4webapi";
import { env } from "@/env";
import { authorizationServerMetadata } from "@/lib/authorization-server";
import type { ConfidentialClient } from "@/lib/oauth-client/client";

export type GuidedContext = {
  issuer: string;
  as: AuthorizationServer;
  /** The guided flow's own registration ("maildash-guided"), never the dashboard's: safe to reveal. */
  client: ConfidentialClient;
  /** The guided flow's registered redirect URI (RFC 6749 §3.1.2), from the lab registry. */
  redirect_uri: string;
  /** RFC 6749 §3.3: the scope it asks for, from the lab registry. */
  scope: string;
  mail_api_url: string;
};

/** Teaching mode (TEACHING_MODE=1): the guided flow, its client, traces and demo controls exist only then. */
export function teachingMode(): boolean {
  return env().TEACHING_MODE;
}

/** For pages: the guided flow is absent (404) unless teaching mode is on. */
export function requireTeachingMode(): void {
  if (!teachingMode()) notFound();
}

/** For route handlers: the 404 to answer when teaching mode is off, else undefined. */
export function teachingModeOff(): Response | undefined {
  return teachingMode() ? undefined : new Response("Not Found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/** The demo clock controls follow teaching mode. */
export function guidedDemoControls(): boolean {
  return teachingMode();
}

/** The guided flow's redirect URI, as registered by the seed from the lab registry. */
export function guidedRedirectUri(): string {
  const [redirect_uri] = CLIENTS.guided.redirect_uris(env().NEXTAUTH_URL);
  if (!redirect_uri) throw new Error("the lab registry lists no redirect URI for the guided client");
  return redirect_uri;
}

/** The guided client's credentials; only in teaching mode (env.ts then requires the secret). */
export function guidedClient(): ConfidentialClient {
  const { TEACHING_MODE, GUIDED_CLIENT_ID, GUIDED_CLIENT_SECRET } = env();
  if (!TEACHING_MODE || GUIDED_CLIENT_SECRET === undefined) throw new Error("the guided client exists only in teaching mode");
  return { client_id: GUIDED_CLIENT_ID, client_secret: GUIDED_CLIENT_SECRET };
}

export async function guidedContext(): Promise<GuidedContext> {
  const e = env();
  return {
    issuer: e.ISSUER,
    as: await authorizationServerMetadata(),
    client: guidedClient(),
    redirect_uri: guidedRedirectUri(),
    scope: formatScope(CLIENTS.guided.requested_scope),
    mail_api_url: e.MAIL_API_URL,
  };
}
