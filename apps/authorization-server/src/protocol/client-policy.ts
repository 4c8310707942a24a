// A client's redirect URI matching and PKCE policy. Every real client gets the secure defaults:
// exact matching (RFC 9700 §4.1.3) and PKCE required (RFC 9700 §2.1.1). A weaker stored policy is
// honoured only for an attack lab twin (a naive registration of the lab registry), so that a row
// edited by hand can never weaken a real client; and the AS refuses to start with such a twin
// registered unless teaching mode and the attack lab are both on (teaching/registrations.ts).
import { NAIVE_CLIENT_IDS, naiveAccessTokenAudience } from "@oauth-flow-lab/lab";
import type { RegisteredClient } from "./client-authentication";

type Policies = Pick<RegisteredClient, "id" | "redirectUriMatching" | "pkceRequired">;

/** Said in every trace detail a weakened policy produces. */
export const UNSAFE_TWIN = "unsafe, attack lab twin";

function isAttackLabTwin(client: Pick<Policies, "id">): boolean {
  return NAIVE_CLIENT_IDS.includes(client.id);
}

/** RFC 9700 §4.1.3: "exact", unless this is an attack lab twin registered with "prefix". */
export function redirectUriMatchingOf(client: Policies): "exact" | "prefix" {
  return isAttackLabTwin(client) && client.redirectUriMatching === "prefix" ? "prefix" : "exact";
}

/** RFC 9700 §2.1.1: true, unless this is an attack lab twin registered with PKCE optional. */
export function isPkceRequired(client: Policies): boolean {
  return !(isAttackLabTwin(client) && !client.pkceRequired);
}

/**
 * RFC 9068 §3, RFC 8707 §2: the `aud` of this client's access tokens. The mail API for every real
 * client; for an attack lab twin, the naive endpoint only, so that its grants never reach real mail.
 */
export function accessTokenAudienceFor(clientId: string, mailApiAudience: string): string {
  return isAttackLabTwin({ id: clientId }) ? naiveAccessTokenAudience(mailApiAudience) : mailApiAudience;
}
