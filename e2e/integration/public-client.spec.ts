// A public client (RFC 6749 §2.1): a browser-based app that cannot keep a secret. It is identified by
// its client_id only, so PKCE is what binds the code to it (RFC 7636, RFC 9700 §2.1.1).
import { expect, test } from "@playwright/test";
import * as oauth from "oauth4webapi";
import { CLIENTS } from "../../scripts/lib/config.ts";

const PUBLIC_CLIENT_ID = CLIENTS.spa.client_id;

import { alice, form, issuer, lab, mailApi, ScriptedUserAgent } from "../support/lab.ts";

const insecure = { [oauth.allowInsecureRequests]: true };
const redirect_uri = CLIENTS.spa.redirect_uris(lab.dashboardUrl)[0] ?? "";
const spa: oauth.Client = { client_id: PUBLIC_CLIENT_ID, id_token_signed_response_alg: "ES256" };
const origin = new URL(lab.dashboardUrl).origin;

async function authorize(code_challenge: string, state: string) {
  return new ScriptedUserAgent().authorize(
    {
      response_type: "code",
      client_id: PUBLIC_CLIENT_ID,
      redirect_uri,
      scope: "openid mail.read",
      state,
      code_challenge,
      code_challenge_method: "S256",
      prompt: "consent",
    },
    alice,
  );
}

test("RFC 6749 §3.2.1: a public client redeems its code with PKCE and no secret (oauth4webapi, None auth)", async () => {
  const url = new URL(issuer);
  const as = await oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, { algorithm: "oidc", ...insecure }));
  expect(as.token_endpoint_auth_methods_supported).toContain("none");
  const code_verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const callback = await authorize(await oauth.calculatePKCECodeChallenge(code_verifier), state);
  const params = oauth.validateAuthResponse(as, spa, callback, state);
  const response = await oauth.authorizationCodeGrantRequest(as, spa, oauth.None(), params, redirect_uri, code_verifier, {
    ...insecure,
    headers: new Headers({ origin }),
  });
  expect(response.headers.get("access-control-allow-origin")).toBe(origin);
  const tokens = await oauth.processAuthorizationCodeResponse(as, spa, response, { requireIdToken: true });
  const inbox = await fetch(`${mailApi}/v1/messages?limit=1`, { headers: { authorization: `Bearer ${tokens.access_token}`, origin } });
  expect(inbox.status).toBe(200);
  expect(inbox.headers.get("access-control-allow-origin")).toBe(origin);
});

test("RFC 7636 §4.6: without the right verifier a public client's code is worthless", async () => {
  const state = oauth.generateRandomState();
  const callback = await authorize(await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()), state);
  const response = await fetch(`${issuer}/token`, {
    method: "POST",
    ...form({
      grant_type: "authorization_code",
      client_id: PUBLIC_CLIENT_ID,
      code: callback.searchParams.get("code") ?? "",
      redirect_uri,
      code_verifier: oauth.generateRandomCodeVerifier(),
    }),
  });
  expect(await response.json()).toMatchObject({ error: "invalid_grant" });
});

test("RFC 6749 §2.3: a public client cannot authenticate with a made-up secret, a confidential one cannot skip its secret", async () => {
  const asPublicWithSecret = await fetch(`${issuer}/token`, {
    method: "POST",
    ...form({ grant_type: "refresh_token", refresh_token: "x", client_id: PUBLIC_CLIENT_ID, client_secret: "guess" }),
  });
  expect(asPublicWithSecret.status).toBe(401);
  const confidentialWithout = await fetch(`${issuer}/token`, {
    method: "POST",
    ...form({ grant_type: "refresh_token", refresh_token: "x", client_id: "dashboard" }),
  });
  expect(confidentialWithout.status).toBe(401);
});

test("CORS: only the public client's registered origin may call the token endpoint and the mail API from a browser", async () => {
  for (const [url, method] of [
    [`${issuer}/token`, "POST"],
    [`${mailApi}/v1/messages`, "GET"],
  ] as const) {
    const allowed = await fetch(url, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": method, "access-control-request-headers": "authorization" },
    });
    expect(allowed.status, url).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin"), url).toBe(origin);
    const other = await fetch(url, {
      method: "OPTIONS",
      headers: { origin: "https://attacker.example", "access-control-request-method": method },
    });
    expect(other.headers.get("access-control-allow-origin"), url).toBeNull();
  }
});
