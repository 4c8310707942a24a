// What every attack run needs to know about the world: whether the attack lab is on, the discovered
// authorization server, the guided client (which plays the victim's client), the naive twins'
// credentials and the mail API. The attack lab exists only inside teaching mode.
import "server-only";
import { CLIENTS, DEMO_USERS, type DemoUser } from "@oauth-flow-lab/lab";
import { formatScope } from "@oauth-flow-lab/oauth";
import { notFound } from "next/navigation";
import type { AuthorizationServer } from "oauth4webapi";
import { env } from "@/env";
import { authorizationServerMetadata } from "@/lib/authorization-server";
import { guidedClient, guidedRedirectUri } from "@/lib/guided/context";
import type { ConfidentialClient } from "@/lib/oauth-client/client";

/** The attack lab: ATTACK_LAB=1 inside TEACHING_MODE=1, never on its own. */
export function attackLab(): boolean {
  // env.ts already folds TEACHING_MODE in (isAttackLabEffective): ATTACK_LAB=1 alone changes nothing.
  return env().ATTACK_LAB;
}

/** For pages: /attacks is absent (404) unless the attack lab is on. */
export function requireAttackLab(): void {
  if (!attackLab()) notFound();
}

/** For route handlers: the 404 to answer when the attack lab is off, else undefined. */
export function attackLabOff(): Response | undefined {
  return attackLab() ? undefined : new Response("Not Found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export type AttackContext = {
  issuer: string;
  as: AuthorizationServer;
  /** The guided flow's registration, acting as the victim's client. Its secret never reaches a run. */
  client: ConfidentialClient;
  redirect_uri: string;
  scope: string;
  mail_api_url: string;
  dashboard_url: string;
  /** The victim: the first demo user (alice). The runner logs in and consents for her. */
  victim: DemoUser;
  /** A naive twin's credentials, by client_id (NAIVE_CLIENT_SECRETS); undefined when not configured. */
  naiveClient(client_id: string): ConfidentialClient | undefined;
  /** Every secret a run could meet, so that exports can be masked against all of them. */
  secrets(): { client_id: string; client_secret: string }[];
};

export async function attackContext(): Promise<AttackContext> {
  const e = env();
  const victim = DEMO_USERS[0];
  const naive = e.NAIVE_CLIENT_SECRETS;
  const client = guidedClient();
  return {
    issuer: e.ISSUER,
    as: await authorizationServerMetadata(),
    client,
    redirect_uri: guidedRedirectUri(),
    scope: formatScope(CLIENTS.guided.requested_scope),
    mail_api_url: e.MAIL_API_URL,
    dashboard_url: e.NEXTAUTH_URL,
    victim,
    naiveClient(client_id) {
      const client_secret = naive[client_id];
      return client_secret === undefined ? undefined : { client_id, client_secret };
    },
    secrets() {
      return [
        client,
        { client_id: e.OAUTH_CLIENT_ID, client_secret: e.OAUTH_CLIENT_SECRET },
        { client_id: "nextauth", client_secret: e.NEXTAUTH_SECRET },
        ...Object.entries(naive).map(([client_id, client_secret]) => ({ client_id, client_secret })),
      ];
    },
  };
}
