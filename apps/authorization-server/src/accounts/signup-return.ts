// Where the sign-up page sends the browser back: only to an interaction page of this AS, by its id
// (never a URL taken from the request, so the page cannot become an open redirect).

/** Interaction ids are randomToken(16): 22 base64url characters (protocol/interactions.ts). */
const INTERACTION_ID = /^[A-Za-z0-9_-]{22}$/;

export function interactionIdOrNull(value: string | null | undefined): string | null {
  return value && INTERACTION_ID.test(value) ? value : null;
}
