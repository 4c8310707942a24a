// The attack lab's scenarios, as pure data (issue 8's numbering): what the attacker does, the defence
// with its RFC section and the named check(s) expected to refuse it, and what would happen without it.
// How each one runs lives beside it in runners/ (server only); registry.ts joins the two.
import { describeDuration, LIFETIMES, NAIVE_CLIENTS } from "@oauth-flow-lab/lab";
import type { ScenarioInfo, SeedStep, SpecReference } from "./types";

const rfc = (number: number, section: string): SpecReference => ({
  label: `RFC ${number} §${section}`,
  href: `https://www.rfc-editor.org/rfc/rfc${number}#section-${section}`,
});

/** The naive mail API endpoint (attack lab only): trusts the token header, skips the claim checks. */
export const NAIVE_MAIL_API = {
  path: "/naive/v1/messages",
  name: "Naive mail API (GET /naive/v1/messages)",
  breaks: "It trusts the token header's alg, jwk, jku and kid, and skips aud, iss, typ and exp. It serves a synthetic mailbox, never a real one.",
} as const;

export const SCENARIOS: readonly ScenarioInfo[] = [
  {
    id: "2",
    title: "A read-only token tries to send mail",
    step: 6,
    attacker:
      "Holds a real access token of alice's, granted for mail.read only, and uses it to POST /v1/messages (send mail as alice), which needs mail.send.",
    defence: {
      summary: "The mail API checks, per route, that the token's scope covers what the route does, and answers 403 insufficient_scope.",
      rfc: rfc(6750, "3.1"),
      checks: ["route-scope"],
    },
    without_defence:
      "Any token that verifies would do anything the API can do: a token granted to read a newsletter digest could send mail in alice's name. Consent would mean nothing, because the scope alice agreed to would never be enforced.",
  },
  {
    id: "3",
    title: "Edit the access token's payload",
    step: 6,
    attacker: "Takes alice's real access token, rewrites its payload (adds mail.send to scope, stretches exp) and keeps the original signature.",
    defence: {
      summary: "The mail API verifies the signature with the AS's key from its JWK Set before it reads a single claim: the edited payload no longer matches it. 401 invalid_token.",
      rfc: rfc(9068, "4"),
      checks: ["jwt-signature"],
    },
    without_defence:
      "A JWT's payload is only base64url, not encrypted: anyone holding a token could grant themselves any scope, any lifetime, or any user's sub. Every token would be a blank cheque.",
  },
  {
    id: "4",
    title: "Forge a token",
    step: 6,
    attacker:
      "Makes access tokens from scratch: alg none; HS256 keyed with the AS's public key that a kid picks; its own key injected in the header (jwk) or fetched from its own URL (jku, its kid naming the key); a wrong aud, iss or typ; an expired one. Each goes to the real mail API and to the naive endpoint.",
    defence: {
      summary:
        "The mail API accepts only typ at+jwt signed with ES256 by a key from the AS's own JWK Set (never a key the token names itself), then checks iss, aud and exp. Each forgery stops at the first check it fails.",
      rfc: rfc(8725, "3.1"),
      checks: ["jwt-header", "jwt-signature", "jwt-issuer", "jwt-audience", "jwt-lifetime"],
    },
    without_defence:
      "Whoever can write a JWT could read any mailbox: the naive endpoint shows it. It believes the token about which algorithm and which key to use, so the forger simply says \"no signature\" or hands over their own key; and it reads tokens meant for another API or long expired.",
    twin: { name: NAIVE_MAIL_API.name, breaks: NAIVE_MAIL_API.breaks },
  },
  {
    id: "7",
    title: "Code replay, and two parallel redemptions of one code",
    step: 4,
    attacker:
      "Sends alice's authorization code to the token endpoint a second time after it was redeemed; then sends one fresh code twice at the same moment, racing the single-use check.",
    defence: {
      summary: `Single use is atomic: the code is marked consumed in the transaction that issues the tokens, and a replay revokes every token already issued from it. The mail API learns of the revocation through introspection within ${describeDuration(LIFETIMES.introspection_cache.seconds)}.`,
      rfc: rfc(6749, "4.1.2"),
      checks: ["code-unused"],
    },
    without_defence:
      "A code leaked through a log, a Referer or browser history could be redeemed again by whoever found it, and a race could mint two sets of tokens from one consent. Revoking on replay is what turns a leak the attacker won into tokens that stop working.",
  },
  {
    id: "8",
    title: "Another client redeems the code",
    step: 4,
    attacker: `Has alice's code (and even its PKCE verifier) and redeems it at the token endpoint with the credentials of a client of its own (here the lab's ${NAIVE_CLIENTS.noPkce.client_id} registration stands in for any client an attacker registered).`,
    defence: {
      summary: "The AS checks that the code was issued to the client that authenticated: invalid_grant.",
      rfc: rfc(6749, "4.1.3"),
      checks: ["code-client"],
    },
    without_defence:
      "Any registered client could cash in codes meant for another: an attacker's app would get alice's tokens for MailDash's consent, under its own name and with its own refresh token.",
  },
  {
    id: "10",
    title: "A different redirect_uri at /token",
    step: 4,
    attacker: "Redeems alice's code with a redirect_uri other than the one of the authorization request (an attacker's page that received the code).",
    defence: {
      summary: "The AS compares the redirect_uri of the token request with the one the code was issued for: invalid_grant.",
      rfc: rfc(6749, "4.1.3"),
      checks: ["code-redirect-uri"],
    },
    without_defence:
      "A code obtained through a manipulated redirect could be redeemed as if nothing happened: the binding between where the code was delivered and who redeems it would be gone.",
  },
  {
    id: "12",
    title: "PKCE downgrade",
    step: 2,
    attacker: "Starts the authorization request without a code_challenge, then with code_challenge_method=plain, hoping the AS falls back to no PKCE or to the weak method.",
    defence: {
      summary: "The AS requires PKCE with S256 for every client: it refuses at /authorize and redirects back with error=invalid_request.",
      rfc: rfc(9700, "4.8"),
      checks: ["check-pkce"],
    },
    without_defence:
      "A stolen code could be redeemed without the verifier (no challenge), or with a verifier the attacker read in the authorization request itself (plain: the challenge is the verifier). PKCE would be there on paper only.",
  },
  {
    id: "13",
    title: "Scope upgrade on refresh",
    step: 5,
    attacker: "Refreshes alice's tokens asking for a wider scope than she granted (mail.send on top of mail.read).",
    defence: {
      summary: "The AS lets a refresh narrow the scope, never widen it beyond the original grant: invalid_scope.",
      rfc: rfc(6749, "6"),
      checks: ["refresh-scope-not-widened"],
    },
    without_defence:
      "A refresh token would be a master key: whoever holds one could ask for any scope the client is registered for, without the user ever seeing a consent page.",
  },
  {
    id: "14",
    title: "Reuse a rotated refresh token",
    step: 5,
    attacker: "Replays a refresh token that was already rotated (the legitimate session has moved on to the next one).",
    defence: {
      summary: "Each refresh token works once. A second use means it leaked: the AS revokes the whole family, so the legitimate session's new refresh token dies too and alice signs in again.",
      rfc: rfc(9700, "4.14.2"),
      checks: ["refresh-token-unused"],
    },
    without_defence:
      "A stolen refresh token would live for its whole lifetime, silently, side by side with the legitimate session: the attacker would get fresh access tokens for days, and nobody would notice.",
  },
];

/** The seed's steps, for grouping the index. */
export const SEED_STEP_TITLES: Record<SeedStep, string> = {
  1: "Step 1 — the client prepares the login request",
  2: "Step 2 — the authorization request",
  3: "Step 3 — the authorization response",
  4: "Step 4 — the token request",
  5: "Step 5 — the tokens (and refreshing them)",
  6: "Step 6 — the resource request",
};

export function scenarioInfo(id: string): ScenarioInfo | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

/** The scenarios grouped by the step they attack, in step order; steps without scenarios are left out. */
export function scenariosByStep(scenarios: readonly ScenarioInfo[] = SCENARIOS): { step: SeedStep; title: string; scenarios: ScenarioInfo[] }[] {
  const steps: SeedStep[] = [1, 2, 3, 4, 5, 6];
  return steps
    .map((step) => ({ step, title: SEED_STEP_TITLES[step], scenarios: scenarios.filter((s) => s.step === step) }))
    .filter((group) => group.scenarios.length > 0);
}

/** The page of a scenario, keeping presenter mode on when it is. */
export function scenarioPath(id: string | undefined, presenter = false): string {
  const path = id === undefined ? "/attacks" : `/attacks/${encodeURIComponent(id)}`;
  return presenter ? `${path}?presenter=1` : path;
}
