// Every scope this project knows, defined once, with the words the consent screen shows.
// RFC 6749 §3.3 (scope syntax), OpenID Connect Core §5.4 and §11 (openid, profile, email, offline_access).

export const SCOPES = {
  openid: {
    title: "Confirm who you are",
    description: "Sign you in with your account ID (OpenID Connect).",
  },
  profile: {
    title: "See your name",
    description: "Read your display name.",
  },
  email: {
    title: "See your email address",
    description: "Read the email address of your account.",
  },
  offline_access: {
    title: "Stay connected",
    description: "Keep access when you are not using the app (a refresh token).",
  },
  "mail.read": {
    title: "Read your mail",
    description: "List your messages and open them.",
  },
  "mail.send": {
    title: "Send mail as you",
    description: "Send messages from your address.",
  },
  "mail.modify": {
    title: "Organize your mail",
    description: "Mark your messages as read or unread.",
  },
} as const satisfies Record<string, { title: string; description: string }>;

export type Scope = keyof typeof SCOPES;

export const ALL_SCOPES = Object.keys(SCOPES) as Scope[];

export function isScope(value: string): value is Scope {
  return Object.hasOwn(SCOPES, value);
}

/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), separated by single spaces. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/**
 * Parses a `scope` parameter into a list of distinct scope tokens, in order.
 * Returns undefined when the syntax is invalid (RFC 6749 §3.3).
 */
export function parseScope(scope: string): string[] | undefined {
  if (scope === "") return [];
  const tokens = scope.split(" ");
  if (tokens.some((t) => !SCOPE_TOKEN.test(t))) return undefined;
  return [...new Set(tokens)];
}

export function formatScope(scopes: readonly string[]): string {
  return scopes.join(" ");
}

/** True when every scope in `required` is in the space-separated `granted`. */
export function hasScopes(granted: string | readonly string[], required: readonly string[]): boolean {
  const have = new Set(typeof granted === "string" ? granted.split(" ") : granted);
  return required.every((s) => have.has(s));
}
