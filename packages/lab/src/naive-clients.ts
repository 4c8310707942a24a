// The attack lab's naive twins: demo registrations that each lack ONE defence, so that an attack the
// real lab refuses can be watched succeeding. They exist only while teaching mode AND the attack lab
// are on (the seed registers them then, and the AS refuses to start with them otherwise). Nothing real
// imports them; their names say what they break.
import type { LabClient } from "./clients.ts";

/** A naive client: a registration plus the one defence it lacks. */
export type NaiveClient = LabClient & {
  /** What this twin breaks, in plain words (pages show it). */
  breaks: string;
  /** RFC 9700 §4.1.3 says exact; "prefix" is the unsafe matching some providers once did. */
  redirect_uri_matching: "exact" | "prefix";
  /** RFC 9700 §2.1.1 says required; "optional" lets a client skip PKCE. */
  pkce: "required" | "optional";
};

const SIGN_IN = ["openid", "profile", "email", "offline_access", "mail.read"] as const;

const naive = (
  c: Omit<NaiveClient, "type" | "scopes" | "requested_scope" | "grant_types" | "introspection_allowed" | "teaching_only">,
): NaiveClient => ({
  type: "confidential",
  scopes: SIGN_IN,
  requested_scope: SIGN_IN,
  grant_types: ["authorization_code", "refresh_token"],
  introspection_allowed: false,
  teaching_only: true,
  ...c,
});

export const NAIVE_CLIENTS = {
  /** A dashboard that never checks `state` on its callback (CSRF, forced account linking). */
  noState: naive({
    client_id: "naive-no-state",
    name: "Naive MailDash: skips the state check (attack lab)",
    breaks: "It does not check that state came back unchanged (RFC 6749 §10.12).",
    redirect_uris: (d) => [`${d}/attacks/naive/no-state/callback`],
    redirect_uri_matching: "exact",
    pkce: "required",
  }),
  /** A client whose redirect URIs the AS matches by prefix. */
  prefixRedirect: naive({
    client_id: "naive-prefix-redirect",
    name: "Naive client: redirect URIs matched by prefix (attack lab)",
    breaks: "The AS accepts any redirect_uri that starts with a registered one (RFC 9700 §4.1.3 requires exact matching).",
    redirect_uris: (d) => [`${d}/attacks/naive/prefix`],
    redirect_uri_matching: "prefix",
    pkce: "required",
  }),
  /** A client for which PKCE is optional. */
  noPkce: naive({
    client_id: "naive-no-pkce",
    name: "Naive client: PKCE optional (attack lab)",
    breaks: "It sends no code_challenge, and the AS lets it (RFC 9700 §2.1.1 requires PKCE).",
    redirect_uris: (d) => [`${d}/attacks/naive/no-pkce/callback`],
    redirect_uri_matching: "exact",
    pkce: "optional",
  }),
  /** A client that hands the tokens to the browser (in the URL). */
  browserTokens: naive({
    client_id: "naive-browser-tokens",
    name: "Naive client: tokens in the browser (attack lab)",
    breaks: "It puts the access token in a URL the browser keeps (history, Referer) (RFC 9700 §4.3.2).",
    redirect_uris: (d) => [`${d}/attacks/naive/browser-tokens/callback`],
    redirect_uri_matching: "exact",
    pkce: "required",
  }),
  /** A client that talks to two authorization servers and does not check `iss` (mix-up). */
  mixUp: naive({
    client_id: "naive-mix-up",
    name: "Naive client: ignores iss with two authorization servers (attack lab)",
    breaks: "It does not check the iss of the authorization response (RFC 9207 §2.4).",
    redirect_uris: (d) => [`${d}/attacks/naive/mix-up/callback`],
    redirect_uri_matching: "exact",
    pkce: "required",
  }),
} as const satisfies Record<string, NaiveClient>;

export const NAIVE_CLIENT_IDS: readonly string[] = Object.values(NAIVE_CLIENTS).map((c) => c.client_id);

/** The mail API's naive endpoint (attack lab only): GET <mail API>/naive/v1/messages, a synthetic mailbox. */
export const NAIVE_MAIL_PATH = "/naive/v1/messages";

/**
 * The `aud` of every access token the AS issues to a naive twin: the naive endpoint's own resource
 * identifier (RFC 8707 §2), not the mail API's. The real mail API refuses it (RFC 9068 §4: aud), so a
 * twin's grant never reaches real mail; the naive endpoint, which skips aud, takes it.
 */
export function naiveAccessTokenAudience(mailApiAudience: string): string {
  return `${mailApiAudience.replace(/\/+$/, "")}/naive`;
}

/** The local "evil AS" of the mix-up scenario: served by the dashboard under this path, attack lab only. */
export const EVIL_AS_PATH = "/attacks/evil-as";

/**
 * The naive clients' secrets travel as one variable (the seed registers their hashes, the dashboard
 * uses them): a JSON object {client_id: secret}, generated like every other secret of the lab.
 */
export const NAIVE_CLIENT_SECRETS_VARIABLE = "NAIVE_CLIENT_SECRETS";

/**
 * Reads NAIVE_CLIENT_SECRETS: a JSON object with a non-empty string secret for every naive client id.
 * @throws Error naming what is missing or malformed (never the secrets themselves).
 */
export function parseNaiveClientSecrets(value: string | undefined): Record<string, string> {
  if (value === undefined || value === "") throw new Error(`${NAIVE_CLIENT_SECRETS_VARIABLE} is required while the attack lab is on`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error(`${NAIVE_CLIENT_SECRETS_VARIABLE} is not valid JSON`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${NAIVE_CLIENT_SECRETS_VARIABLE} must be a JSON object {client_id: secret}`);
  }
  const secrets: Record<string, string> = {};
  for (const client_id of NAIVE_CLIENT_IDS) {
    const secret: unknown = (parsed as Record<string, unknown>)[client_id];
    if (typeof secret !== "string" || secret === "") throw new Error(`${NAIVE_CLIENT_SECRETS_VARIABLE} has no secret for ${client_id}`);
    secrets[client_id] = secret;
  }
  return secrets;
}
