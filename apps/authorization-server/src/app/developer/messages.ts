// The developer console's words for each refusal and each outcome (the codes travel in ?error= and ?notice=).
import { DEVELOPER_CONSOLE, describeDuration, LIFETIMES, RESERVED_CLIENT_NAMES } from "@oauth-flow-lab/lab";
import type { RegistrationProblem } from "@/console/developer/clients";

export const PROBLEMS: Record<RegistrationProblem | "csrf" | "not_found", string> = {
  name_length: `Give your client a name of ${DEVELOPER_CONSOLE.nameMinLength} to ${DEVELOPER_CONSOLE.nameMaxLength} characters.`,
  name_characters: "The name may not contain control or formatting characters.",
  name_reserved: `That name imitates one of the lab's own apps (${RESERVED_CLIENT_NAMES.join(", ")}): choose a name of your own.`,
  redirect_uris_count: `Give 1 to ${DEVELOPER_CONSOLE.maxRedirectUris} redirect URIs, one per line.`,
  redirect_uri_relative: "Each redirect URI must be a complete address, like https://app.example/callback.",
  redirect_uri_scheme: "A redirect URI must use https (or http on 127.0.0.1, [::1] or localhost).",
  redirect_uri_http_not_loopback: "Plain http is allowed only on this machine: 127.0.0.1, [::1] or localhost. Use https otherwise.",
  redirect_uri_wildcard: "Wildcards (*) are not allowed: LabMail compares redirect URIs exactly, character for character.",
  redirect_uri_fragment: "A redirect URI may not contain a fragment (#…).",
  redirect_uri_userinfo: "A redirect URI may not contain a user name or password (user@host).",
  redirect_uri_length: `A redirect URI may be at most ${DEVELOPER_CONSOLE.maxRedirectUriLength} characters long.`,
  scope: "Choose at least one scope from the list.",
  auth_method: "Choose how your client authenticates.",
  limit: `You already registered ${DEVELOPER_CONSOLE.maxClientsPerUser} clients, the most one account may have.`,
  csrf: "This form expired. Please try again.",
  not_found: "There is no such client among the ones you may manage.",
};

export const NOTICES: Record<string, string> = {
  disabled: "The client is disabled: LabMail issues it nothing more, and every access it had has ended.",
};

export const OVERLAP_PROSE = `The previous secret keeps working for ${describeDuration(LIFETIMES.client_secret_overlap.seconds)} after a rotation, then only the new one does.`;

/** How each authentication method is offered in the form. */
export const AUTH_METHOD_LABELS: Record<string, { title: string; description: string }> = {
  client_secret_basic: {
    title: "Confidential, secret in HTTP Basic",
    description: "client_secret_basic: a server-side app with a secret.",
  },
  client_secret_post: {
    title: "Confidential, secret in the request body",
    description: "client_secret_post: client_id and client_secret as form fields.",
  },
  none: { title: "Public, no secret", description: "none: a browser or command-line app, protected by PKCE alone." },
};
