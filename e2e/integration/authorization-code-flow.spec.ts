// The whole Authorization Code Flow over real HTTP, driven by an independent, certified client library
// (oauth4webapi) so that our AS is checked by someone else's reading of the RFCs, not our own.
import { expect, test } from "@playwright/test";
import * as oauth from "oauth4webapi";
import { alice, authorizationRequest, bob, client, issuer, mailApi, obtainTokens, ScriptedUserAgent } from "../support/lab.ts";

const insecure = { [oauth.allowInsecureRequests]: true }; // the lab runs on loopback http
const oauthClient: oauth.Client = { client_id: client.client_id, id_token_signed_response_alg: "ES256" };
const clientAuth = oauth.ClientSecretBasic(client.client_secret);

async function discover(): Promise<oauth.AuthorizationServer> {
  const url = new URL(issuer);
  return oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, { algorithm: "oidc", ...insecure }));
}

test("the six steps: login request, AS login and consent, code, token request, tokens, mail API", async () => {
  const as = await discover();
  expect(as.authorization_response_iss_parameter_supported).toBe(true);
  expect(as.code_challenge_methods_supported).toEqual(["S256"]);

  // 1. The client prepares the login request: state, nonce and a PKCE pair.
  const code_verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const query = {
    response_type: "code",
    client_id: client.client_id,
    redirect_uri: client.redirect_uri,
    scope: "openid profile email offline_access mail.read",
    state,
    nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(code_verifier),
    code_challenge_method: "S256",
  };

  // 2–3. The user logs in and consents at the AS, which redirects back with a code, state and iss.
  const callback = await new ScriptedUserAgent().authorize(query, alice);
  expect(callback.origin + callback.pathname).toBe(client.redirect_uri);
  const params = oauth.validateAuthResponse(as, oauthClient, callback, state); // checks state and iss (RFC 9207)

  // 4–5. The back-channel token request; the ID token is validated by the library (signature, nonce, at_hash).
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    oauthClient,
    clientAuth,
    params,
    client.redirect_uri,
    code_verifier,
    insecure,
  );
  expect(response.headers.get("cache-control")).toBe("no-store");
  const tokens = await oauth.processAuthorizationCodeResponse(as, oauthClient, response, { expectedNonce: nonce, requireIdToken: true });
  expect(tokens.token_type).toBe("bearer");
  expect(tokens.refresh_token).toBeTruthy();
  expect(tokens.expires_in).toBeGreaterThanOrEqual(300);
  expect(tokens.expires_in).toBeLessThanOrEqual(900);
  const claims = oauth.getValidatedIdTokenClaims(tokens);
  expect(claims?.sub).toBe(alice.sub);
  expect(claims?.email).toBe(alice.email);

  // 6. Resource access with Authorization: Bearer.
  const inbox = await fetch(`${mailApi}/v1/messages?limit=5`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  expect(inbox.status).toBe(200);
  const body = (await inbox.json()) as { messages: { id: string; to: string; subject: string }[]; next_page_token: string | null };
  expect(body.messages).toHaveLength(5);
  expect(body.next_page_token).toBeTruthy();
  for (const message of body.messages) expect(message.to).toBe(alice.email);

  const first = body.messages[0];
  if (!first) throw new Error("no message");
  const opened = await fetch(`${mailApi}/v1/messages/${first.id}`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  expect(opened.status).toBe(200);
  expect(((await opened.json()) as { subject: string }).subject).toBe(first.subject);

  // OpenID Connect UserInfo with the same access token.
  const userinfo = await oauth.processUserInfoResponse(
    as,
    oauthClient,
    alice.sub,
    await oauth.userInfoRequest(as, oauthClient, tokens.access_token, insecure),
  );
  expect(userinfo.name).toBe(alice.name);
});

test("RFC 9068: the access token is a signed at+jwt for the mail API with the granted scope", async () => {
  const tokens = await obtainTokens("openid mail.read");
  const [header, payload] = tokens.access_token
    .split(".")
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, "base64url").toString()));
  expect(header).toMatchObject({ alg: "ES256", typ: "at+jwt" });
  expect(typeof header.kid).toBe("string");
  expect(payload).toMatchObject({ iss: issuer, aud: mailApi, sub: alice.sub, client_id: client.client_id, scope: "openid mail.read" });
  expect(payload.exp - payload.iat).toBeGreaterThanOrEqual(300);
  expect(payload.exp - payload.iat).toBeLessThanOrEqual(900);
  expect(typeof payload.jti).toBe("string");
  // No offline_access, no refresh token.
  expect(tokens.refresh_token).toBeUndefined();
  // The JWKS publishes the key that signed it.
  const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string; d?: string }[] };
  expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);
  for (const key of jwks.keys) expect(key.d).toBeUndefined();
});

test("RFC 6749 §6 and RFC 9700 §4.14.2: refresh tokens rotate, and reusing an old one revokes the family", async () => {
  const as = await discover();
  const first = await obtainTokens();
  if (!first.refresh_token) throw new Error("no refresh token");

  const rotated = await oauth.processRefreshTokenResponse(
    as,
    oauthClient,
    await oauth.refreshTokenGrantRequest(as, oauthClient, clientAuth, first.refresh_token, insecure),
  );
  expect(rotated.refresh_token).toBeTruthy();
  expect(rotated.refresh_token).not.toBe(first.refresh_token);
  const stillWorks = await fetch(`${mailApi}/v1/messages`, { headers: { authorization: `Bearer ${rotated.access_token}` } });
  expect(stillWorks.status).toBe(200);

  // The old refresh token again: rejected, and the rotated one dies with it.
  const reuse = await oauth.refreshTokenGrantRequest(as, oauthClient, clientAuth, first.refresh_token, insecure);
  expect(reuse.status).toBe(400);
  expect(await reuse.json()).toMatchObject({ error: "invalid_grant" });
  if (!rotated.refresh_token) throw new Error("no rotated refresh token");
  const familyGone = await oauth.refreshTokenGrantRequest(as, oauthClient, clientAuth, rotated.refresh_token, insecure);
  expect(familyGone.status).toBe(400);
  expect(await familyGone.json()).toMatchObject({ error: "invalid_grant" });
});

test("remembered consent: a second authorization with a live AS session answers at once", async () => {
  const agent = new ScriptedUserAgent();
  const first = authorizationRequest();
  expect((await agent.authorize(first.query, bob)).searchParams.get("code")).toBeTruthy();
  const second = authorizationRequest();
  const response = await agent.get(`${issuer}/authorize?${new URLSearchParams(second.query)}`);
  expect(response.status).toBe(303);
  const location = new URL(response.headers.get("location") ?? "");
  expect(location.origin + location.pathname).toBe(client.redirect_uri);
  expect(location.searchParams.get("code")).toBeTruthy();
  expect(location.searchParams.get("state")).toBe(second.state);
});
