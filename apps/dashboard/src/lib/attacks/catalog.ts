// The attack lab's scenarios, as pure data (issue 8's numbering): what the attacker does, the defence
// with its RFC section and the named check(s) expected to refuse it, and what would happen without it.
// How each one runs lives beside it in runners/ (server only); registry.ts joins the two.
import { DEMO_USERS, describeDuration, LIFETIMES, NAIVE_CLIENTS } from "@oauth-flow-lab/lab";
import { CLIENT_CHECKS, FRAME_ANCESTORS_CHECK } from "./client-check-ids";
import type { ScenarioInfo, SeedStep, SpecReference } from "./types";

const rfc = (number: number, section: string): SpecReference => ({
  label: `RFC ${number} §${section}`,
  href: `https://www.rfc-editor.org/rfc/rfc${number}#section-${section}`,
});

/** The naive mail API endpoint (attack lab only): trusts the token header, skips the claim checks. */
export const NAIVE_MAIL_API = {
  path: "/naive/v1/messages",
  name: "Naive mail API (GET /naive/v1/messages)",
  breaks:
    "It trusts the token header's alg, jwk, jku and kid, and skips aud, iss, typ and exp. It serves a synthetic mailbox, never a real one.",
} as const;

export const SCENARIOS: readonly ScenarioInfo[] = [
  {
    id: "1",
    title: "Where is the token?",
    step: 3,
    attacker:
      "Reads alice's browser history (or a Referer a page leaked) after she signed in, and uses what it finds: from our client, the callback URL with its code; from the naive twin, the URL it put the access token in.",
    defence: {
      summary:
        "Our client keeps tokens on its server: the browser only ever sees a code, single-use, short-lived and bound by PKCE to a verifier that never left the client. The AS refuses it without that verifier.",
      rfc: rfc(9700, "4.3"),
      checks: ["code-pkce", "code-unused"],
    },
    without_defence:
      "A token in a URL is kept by the history, synced to other devices, sent in the Referer to every third-party resource the page loads, and written to proxy logs: whoever reads any of them reads the mailbox until the token expires, as the naive twin shows.",
    twin: { name: NAIVE_CLIENTS.browserTokens.name, breaks: NAIVE_CLIENTS.browserTokens.breaks },
  },
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
    attacker:
      "Takes alice's real access token, rewrites its payload (adds mail.send to scope, stretches exp) and keeps the original signature.",
    defence: {
      summary:
        "The mail API verifies the signature with the AS's key from its JWK Set before it reads a single claim: the edited payload no longer matches it. 401 invalid_token.",
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
      'Whoever can write a JWT could read any mailbox: the naive endpoint shows it. It believes the token about which algorithm and which key to use, so the forger simply says "no signature" or hands over their own key; and it reads tokens meant for another API or long expired.',
    twin: { name: NAIVE_MAIL_API.name, breaks: NAIVE_MAIL_API.breaks },
  },
  {
    id: "5",
    title: "Clickjack the consent screen",
    step: 2,
    attacker:
      "Puts LabMail's consent page in an invisible frame of its own page, under a decoy (\"Claim your prize\"), so that alice's click lands on Allow.",
    defence: {
      summary:
        "Every LabMail page answers Content-Security-Policy: frame-ancestors 'none' (and X-Frame-Options: DENY): the browser refuses to show it inside any frame, so the frame below stays blank.",
      rfc: rfc(9700, "4.16"),
      checks: [FRAME_ANCESTORS_CHECK],
    },
    without_defence:
      "The consent click is the user's only say in OAuth: framed invisibly, it can be stolen by any page alice visits while signed in to LabMail, and the attacker's client gets her mail with her \"consent\".",
  },
  {
    id: "6",
    title: "CSRF on the callback (forced account linking)",
    step: 3,
    attacker: `Signs in as ${DEMO_USERS[1].username} at the client, stops before his own callback, and makes alice's browser load it (a hidden image on a page he controls): alice would be signed in to his account.`,
    defence: {
      summary:
        "The client core (oauth4webapi's validateAuthResponse) compares the state that came back with the one it sent for this browser's login: bob's state is not alice's, so the response is refused before any code is redeemed.",
      rfc: rfc(9700, "4.7"),
      checks: [CLIENT_CHECKS.state.id],
    },
    without_defence:
      "alice would use the attacker's account without noticing: whatever she writes or uploads there (a draft, a linked address) lands in his mailbox. The naive twin finds the login by state alone and signs her browser in as bob.",
    twin: { name: NAIVE_CLIENTS.noState.name, breaks: NAIVE_CLIENTS.noState.breaks },
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
    id: "9",
    title: "Bend redirect_uri at /authorize",
    step: 2,
    attacker:
      "Sends alice an authorization request for her client with a redirect_uri of its own: another host, the registered one with an extra path, and one that climbs out with ../",
    defence: {
      summary:
        "The AS compares redirect_uri with the registered ones character for character. When it differs, it shows its own error page: an error may never be sent to an unverified redirect URI.",
      rfc: rfc(9700, "4.1"),
      checks: ["check-redirect-uri"],
    },
    without_defence:
      "With prefix (or pattern) matching, the code goes to whatever lives under the registered path: an open redirect, a user page, a path that ../ makes elsewhere. The naive twin shows the code leaving for the longer path.",
    twin: { name: NAIVE_CLIENTS.prefixRedirect.name, breaks: NAIVE_CLIENTS.prefixRedirect.breaks },
  },
  {
    id: "10",
    title: "A different redirect_uri at /token",
    step: 4,
    attacker:
      "Redeems alice's code with a redirect_uri other than the one of the authorization request (an attacker's page that received the code).",
    defence: {
      summary: "The AS compares the redirect_uri of the token request with the one the code was issued for: invalid_grant.",
      rfc: rfc(6749, "4.1.3"),
      checks: ["code-redirect-uri"],
    },
    without_defence:
      "A code obtained through a manipulated redirect could be redeemed as if nothing happened: the binding between where the code was delivered and who redeems it would be gone.",
  },
  {
    id: "11",
    title: "A stolen code without the verifier",
    step: 4,
    attacker:
      "Has copied alice's code (a log, a proxy), not her PKCE verifier. Redeems it directly at /token (as if the client's secret had leaked too), then injects it into a login of its own at alice's client.",
    defence: {
      summary:
        "The AS requires the code_verifier whose S256 hash is the code_challenge of alice's request: neither a made-up verifier nor the attacker's own session's verifier matches.",
      rfc: rfc(9700, "4.5"),
      checks: ["code-pkce"],
    },
    without_defence:
      "A code would be as good as a token to whoever saw it: redeemed directly, or pushed into the attacker's own session so that the client signs the attacker in as alice. Against the twin without PKCE, both work.",
    twin: {
      name: NAIVE_CLIENTS.noPkce.name,
      breaks: `${NAIVE_CLIENTS.noPkce.breaks} Like many plain OAuth clients it sends no OpenID nonce either, which would also have caught the injected code (RFC 9700 §4.5.3.2).`,
    },
  },
  {
    id: "12",
    title: "PKCE downgrade",
    step: 2,
    attacker:
      "Starts the authorization request without a code_challenge, then with code_challenge_method=plain, hoping the AS falls back to no PKCE or to the weak method.",
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
      summary:
        "Each refresh token works once. A second use means it leaked: the AS revokes the whole family, so the legitimate session's new refresh token dies too and alice signs in again.",
      rfc: rfc(9700, "4.14.2"),
      checks: ["refresh-token-unused"],
    },
    without_defence:
      "A stolen refresh token would live for its whole lifetime, silently, side by side with the legitimate session: the attacker would get fresh access tokens for days, and nobody would notice.",
  },
  {
    id: "15",
    title: "Revoke consent but keep the tokens",
    step: 5,
    attacker:
      "Copied alice's refresh and access tokens. alice then withdraws her consent (MailDash revokes its grant, RFC 7009); the attacker keeps using both tokens.",
    defence: {
      summary: `Revoking the refresh token ends the grant at once: the refresh is refused. The access token still carries an exp up to ${describeDuration(LIFETIMES.access_token.seconds)} away, but the mail API asks LabMail whether it is still active (RFC 7662) and keeps the answer ${describeDuration(LIFETIMES.introspection_cache.seconds)} at most.`,
      rfc: rfc(7009, "2.1"),
      checks: ["refresh-token-not-revoked", "token-active"],
    },
    without_defence:
      "A self-contained JWT is valid until its exp, whatever happened since: a resource server that only checks the signature would serve the revoked token for the rest of its life. Short lifetimes bound the damage; introspection ends it.",
  },
  {
    id: "16",
    title: "Mix-up with a second, malicious AS",
    step: 3,
    attacker:
      "Runs an authorization server of its own that alice's client also supports. alice picks it; it sends her browser on to LabMail with the client's request unchanged, so LabMail's code comes back to a client that thinks it asked the evil AS, and would redeem it there.",
    defence: {
      summary:
        "LabMail names itself in the response (iss, RFC 9207), and the client core checks it against the AS it sent the request to: the evil AS is not LabMail, so the response is refused and the code goes nowhere.",
      rfc: rfc(9207, "2.4"),
      checks: [CLIENT_CHECKS.iss.id],
    },
    without_defence:
      "The client would send LabMail's code, and its PKCE verifier, to the attacker's token endpoint: with both, the attacker can inject them into a session of its own at the client and read alice's mail. The naive twin does exactly that (RFC 9700 §4.4).",
    twin: { name: NAIVE_CLIENTS.mixUp.name, breaks: NAIVE_CLIENTS.mixUp.breaks },
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
export function scenariosByStep(
  scenarios: readonly ScenarioInfo[] = SCENARIOS,
): { step: SeedStep; title: string; scenarios: ScenarioInfo[] }[] {
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
