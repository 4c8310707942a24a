// The lab's client registrations (RFC 6749 §2), defined once: ids, redirect URIs, scopes, grant types.
// The seed registers them at the AS; the apps and the tests read their ids and URIs from here.
import type { Scope } from "@oauth-flow-lab/oauth";
import { NAIVE_CLIENT_IDS } from "./naive-clients.ts";

export type LabClient = {
  client_id: string;
  name: string;
  /** Confidential clients authenticate at the token endpoint (RFC 6749 §2.3.1); public ones cannot. */
  type: "confidential" | "public";
  /** Builds the registered redirect URIs from the dashboard's origin (RFC 6749 §3.1.2: exact match). */
  redirect_uris: (dashboardUrl: string) => string[];
  /**
   * OpenID Connect RP-Initiated Logout 1.0 §3.1: where the AS's end_session_endpoint may send the browser
   * back after signing out (exact match). Absent: none, the AS shows its own "signed out" page.
   */
  post_logout_redirect_uris?: (dashboardUrl: string) => string[];
  scopes: readonly Scope[];
  /** The scope the client asks for at sign-in. */
  requested_scope: readonly Scope[];
  grant_types: readonly ("authorization_code" | "refresh_token")[];
  /** A resource server that may call the introspection endpoint (RFC 7662 §2.1). */
  introspection_allowed: boolean;
  /** Registered only while teaching mode is on (the AS ignores it otherwise). */
  teaching_only: boolean;
};

/** next-auth's provider id: part of the dashboard's redirect URI. */
export const DASHBOARD_PROVIDER_ID = "labmail";

const SIGN_IN_SCOPE = ["openid", "profile", "email", "offline_access", "mail.read"] as const satisfies readonly Scope[];

export const CLIENTS = {
  /** MailDash, the real dashboard: a confidential client signing in with next-auth. */
  dashboard: {
    client_id: "dashboard",
    name: "MailDash",
    type: "confidential",
    redirect_uris: (d) => [`${d}/api/auth/callback/${DASHBOARD_PROVIDER_ID}`],
    post_logout_redirect_uris: (d) => [`${d}/`],
    scopes: ["openid", "profile", "email", "offline_access", "mail.read", "mail.send", "mail.modify"],
    requested_scope: SIGN_IN_SCOPE,
    grant_types: ["authorization_code", "refresh_token"],
    introspection_allowed: false,
    teaching_only: false,
  },
  /** The guided flow: its own confidential client, so revealing its secret on a projector is safe. */
  guided: {
    client_id: "maildash-guided",
    name: "MailDash guided (teaching)",
    type: "confidential",
    redirect_uris: (d) => [`${d}/guided/callback`],
    scopes: SIGN_IN_SCOPE,
    requested_scope: SIGN_IN_SCOPE,
    grant_types: ["authorization_code", "refresh_token"],
    introspection_allowed: false,
    teaching_only: true,
  },
  /** MailDash Lite at /spa: a browser app, a public client protected by PKCE alone. */
  spa: {
    client_id: "maildash-lite",
    name: "MailDash Lite (browser app)",
    type: "public",
    redirect_uris: (d) => [`${d}/spa`],
    scopes: ["openid", "profile", "email", "mail.read"],
    requested_scope: ["openid", "profile", "email", "mail.read"],
    grant_types: ["authorization_code", "refresh_token"],
    introspection_allowed: false,
    teaching_only: false,
  },
  /** The mail API authenticates as a client only to ask whether tokens are still active. */
  mailApi: {
    client_id: "mail-api",
    name: "LabMail mail API",
    type: "confidential",
    redirect_uris: () => [],
    scopes: [],
    requested_scope: [],
    grant_types: [],
    introspection_allowed: true,
    teaching_only: false,
  },
} as const satisfies Record<string, LabClient>;

export type LabClientName = keyof typeof CLIENTS;

/**
 * Clients that exist only in teaching mode (the guided client and the attack lab's naive twins): the
 * seed removes them when it is off, and the AS refuses to start while one is registered.
 */
export const TEACHING_CLIENT_IDS: readonly string[] = [
  ...Object.values(CLIENTS)
    .filter((c) => c.teaching_only)
    .map((c) => c.client_id),
  ...NAIVE_CLIENT_IDS,
];

/** Clients whose flows may be traced (the trace capability is issued only to them). */
export const TRACEABLE_CLIENT_IDS: readonly string[] = [CLIENTS.guided.client_id, ...NAIVE_CLIENT_IDS];
