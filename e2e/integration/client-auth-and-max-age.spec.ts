// Issue 9: fix 5 (client authentication as registered, revocation of another client's token, metadata
// that says what the endpoints accept, the UserInfo endpoint's audience) and, from "Accounts",
// `max_age` and `prompt=login` with an `auth_time` that is always the login's. Real HTTP against the
// running lab; each test failed against the AS before its fix (see docs/security.md).

import { expect, test } from "@playwright/test";
import { decodeJwt, decodeProtectedHeader, importJWK, type JWK, SignJWT } from "jose";
import pg from "pg";
import { CLIENTS } from "../../scripts/lib/config.ts";
import {
  alice,
  authDatabaseUrl,
  authorizationRequest,
  basicAuth,
  client,
  form,
  issuer,
  lab,
  locationOf,
  mailApiClient,
  obtainTokens,
  ScriptedUserAgent,
  tokenRequest,
} from "../support/lab.ts";

type Credentials = { client_id: string; client_secret: string };

/** A POST authenticated the way `method` says: Basic, or the secret in the body (client_secret_post). */
async function post(path: string, params: Record<string, string>, who: Credentials, method: "basic" | "post" = "basic") {
  const request = form(method === "post" ? { ...params, client_id: who.client_id, client_secret: who.client_secret } : params);
  const headers = method === "post" ? request.headers : { ...request.headers, authorization: basicAuth(who.client_id, who.client_secret) };
  return fetch(`${issuer}${path}`, { method: "POST", headers, body: request.body });
}

const introspect = (token: string) => post("/introspect", { token }, mailApiClient);

/** A code for `query`, driven by `agent` (which keeps the AS session cookie between calls). */
async function codeFrom(agent: ScriptedUserAgent, query: Record<string, string>): Promise<string> {
  const callback = await agent.authorize(query, alice);
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`no code: ${callback.href}`);
  return code;
}

/** The ID token's auth_time for a code of the dashboard's request `request`. */
async function authTimeOf(code: string, request: ReturnType<typeof authorizationRequest>): Promise<number> {
  const response = await tokenRequest({
    grant_type: "authorization_code",
    code,
    redirect_uri: client.redirect_uri,
    code_verifier: request.pkce.code_verifier,
  });
  expect(response.status).toBe(200);
  const { id_token } = (await response.json()) as { id_token: string };
  const { auth_time } = decodeJwt(id_token);
  if (typeof auth_time !== "number") throw new Error("no auth_time in the ID token");
  return auth_time;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.describe("Fix 5: client authentication is as registered", () => {
  test("RFC 6749 §5.2: a client registered for client_secret_basic cannot use client_secret_post at /token, /revoke, /introspect", async () => {
    const request = authorizationRequest();
    const code = await codeFrom(new ScriptedUserAgent(), request.query);
    const params = { grant_type: "authorization_code", code, redirect_uri: client.redirect_uri, code_verifier: request.pkce.code_verifier };
    const asPost = await post("/token", params, client, "post");
    expect(asPost.status).toBe(401);
    expect(await asPost.json()).toMatchObject({ error: "invalid_client" });
    // The refusal did not spend the code: by its registered method the client still gets its tokens.
    const asBasic = await post("/token", params, client);
    expect(asBasic.status).toBe(200);
    const tokens = (await asBasic.json()) as { access_token: string };

    const revokeAsPost = await post("/revoke", { token: tokens.access_token }, client, "post");
    expect(revokeAsPost.status).toBe(401);
    expect(await revokeAsPost.json()).toMatchObject({ error: "invalid_client" });
    const introspectAsPost = await post("/introspect", { token: tokens.access_token }, mailApiClient, "post");
    expect(introspectAsPost.status).toBe(401);
    expect(await introspectAsPost.json()).toMatchObject({ error: "invalid_client" });
    expect(await (await introspect(tokens.access_token)).json()).toMatchObject({ active: true });
  });

  test("RFC 7009 §2.1: another client's live token is refused with invalid_request and stays live; an unknown one is 200", async () => {
    const tokens = await obtainTokens();
    if (!tokens.refresh_token) throw new Error("no refresh token");
    for (const token of [tokens.refresh_token, tokens.access_token]) {
      const response = await post("/revoke", { token }, mailApiClient);
      expect(response.status).toBe(400);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toMatchObject({
        error: "invalid_request",
        error_description: "the token was not issued to this client",
      });
    }
    expect(await (await introspect(tokens.access_token)).json()).toMatchObject({ active: true });
    const refreshed = await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    // RFC 7009 §2.2: an invalid token is still answered 200, so the endpoint reveals nothing about it.
    expect((await post("/revoke", { token: "not-a-token" }, mailApiClient)).status).toBe(200);
  });

  test("RFC 8414 §2: the *_auth_methods_supported are what the endpoints accept ('none' revokes, never introspects)", async () => {
    const metadata = (await (await fetch(`${issuer}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(["client_secret_basic", "client_secret_post", "none"]);
    expect(metadata.revocation_endpoint_auth_methods_supported).toEqual(["client_secret_basic", "client_secret_post", "none"]);
    expect(metadata.introspection_endpoint_auth_methods_supported).toEqual(["client_secret_basic", "client_secret_post"]);

    // "none" at /revoke: the public client revokes its own token with its client_id alone.
    const spa = { client_id: CLIENTS.spa.client_id, redirect_uri: CLIENTS.spa.redirect_uris(lab.dashboardUrl)[0] ?? "" };
    const request = authorizationRequest("openid mail.read", spa);
    const code = await codeFrom(new ScriptedUserAgent(), { ...request.query, prompt: "consent" });
    const exchange = await fetch(`${issuer}/token`, {
      method: "POST",
      ...form({
        grant_type: "authorization_code",
        code,
        redirect_uri: spa.redirect_uri,
        code_verifier: request.pkce.code_verifier,
        client_id: spa.client_id,
      }),
    });
    expect(exchange.status).toBe(200);
    const { access_token } = (await exchange.json()) as { access_token: string };
    const revoked = await fetch(`${issuer}/revoke`, { method: "POST", ...form({ token: access_token, client_id: spa.client_id }) });
    expect(revoked.status).toBe(200);
    expect(await (await introspect(access_token)).json()).toEqual({ active: false });
    // "none" at /introspect: refused before anything else.
    const asked = await fetch(`${issuer}/introspect`, { method: "POST", ...form({ token: access_token, client_id: spa.client_id }) });
    expect(asked.status).toBe(401);
    expect(await asked.json()).toMatchObject({ error: "invalid_client" });
  });

  test("RFC 9068 §4: /userinfo accepts the dashboard's token, and refuses one signed by the AS for another audience", async () => {
    const tokens = await obtainTokens();
    const ok = await fetch(`${issuer}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ preferred_username: alice.username });

    // The same live token (same jti, signature, issuer, expiry), re-signed with the AS's own key for another audience.
    const { kid } = decodeProtectedHeader(tokens.access_token);
    const db = new pg.Client({ connectionString: authDatabaseUrl, connectionTimeoutMillis: 10_000, query_timeout: 10_000 });
    await db.connect();
    let privateJwk: JWK;
    try {
      const { rows } = await db.query<{ private_jwk: JWK }>("SELECT private_jwk FROM signing_keys WHERE kid = $1", [kid]);
      privateJwk = rows[0]?.private_jwk ?? {};
    } finally {
      await db.end();
    }
    const key = await importJWK(privateJwk, "ES256");
    const foreign = await new SignJWT({ ...decodeJwt(tokens.access_token), aud: "https://other-api.example" })
      .setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid: kid ?? "" })
      .sign(key);
    const refused = await fetch(`${issuer}/userinfo`, { headers: { authorization: `Bearer ${foreign}` } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });
});

test.describe("Accounts: max_age and prompt=login (OpenID Connect Core §3.1.2.1)", () => {
  test("malformed max_age values are invalid_request, sent back with state and iss", async () => {
    for (const max_age of ["-1", "1.5", "1e3", "99999999999", "abc"]) {
      const { query, state } = authorizationRequest();
      const response = await fetch(`${issuer}/authorize?${new URLSearchParams({ ...query, max_age })}`, { redirect: "manual" });
      expect(response.status, max_age).toBe(303);
      const location = locationOf(response);
      expect(location.origin + location.pathname).toBe(client.redirect_uri);
      expect(location.searchParams.get("error"), max_age).toBe("invalid_request");
      expect(location.searchParams.get("state")).toBe(state);
      expect(location.searchParams.get("iss")).toBe(issuer);
    }
  });

  test("a session older than max_age must log in again: login_required with prompt=none, else the login page; auth_time is the new login's", async () => {
    const agent = new ScriptedUserAgent();
    const first = authorizationRequest();
    const firstAuthTime = await authTimeOf(await codeFrom(agent, first.query), first);
    await sleep(2_100);

    // A young enough session still answers prompt=none at once.
    const young = authorizationRequest();
    const youngCallback = locationOf(
      await agent.get(`${issuer}/authorize?${new URLSearchParams({ ...young.query, prompt: "none", max_age: "3600" })}`),
    );
    expect(youngCallback.searchParams.get("code")).toBeTruthy();
    expect(await authTimeOf(youngCallback.searchParams.get("code") ?? "", young)).toBe(firstAuthTime);

    // Too old: prompt=none cannot show the login page.
    const old = authorizationRequest();
    const refused = locationOf(
      await agent.get(`${issuer}/authorize?${new URLSearchParams({ ...old.query, prompt: "none", max_age: "1" })}`),
    );
    expect(refused.origin + refused.pathname).toBe(client.redirect_uri);
    expect(refused.searchParams.get("error")).toBe("login_required");
    expect(refused.searchParams.get("state")).toBe(old.state);
    expect(refused.searchParams.get("iss")).toBe(issuer);

    // Without prompt=none: the login page, and the ID token says when that login happened.
    const again = authorizationRequest();
    const interaction = locationOf(await agent.get(`${issuer}/authorize?${new URLSearchParams({ ...again.query, max_age: "1" })}`));
    expect(interaction.href.startsWith(`${issuer}/interaction/`)).toBe(true);
    expect(await (await agent.get(interaction)).text()).toContain('name="password"');
    const beforeLogin = Math.floor(Date.now() / 1000);
    const authTime = await authTimeOf(await codeFrom(agent, { ...again.query, max_age: "1" }), again);
    expect(authTime).toBeGreaterThanOrEqual(beforeLogin);
    expect(authTime).toBeGreaterThan(firstAuthTime);
  });

  test("prompt=login forces a new login despite a session; auth_time is that login's, and the next request reuses it", async () => {
    const agent = new ScriptedUserAgent();
    const first = authorizationRequest();
    const firstAuthTime = await authTimeOf(await codeFrom(agent, first.query), first);
    await sleep(1_100);

    const forced = authorizationRequest();
    const interaction = locationOf(await agent.get(`${issuer}/authorize?${new URLSearchParams({ ...forced.query, prompt: "login" })}`));
    expect(interaction.href.startsWith(`${issuer}/interaction/`)).toBe(true);
    expect(await (await agent.get(interaction)).text()).toContain('name="password"');
    const beforeLogin = Math.floor(Date.now() / 1000);
    const forcedAuthTime = await authTimeOf(await codeFrom(agent, { ...forced.query, prompt: "login" }), forced);
    expect(forcedAuthTime).toBeGreaterThanOrEqual(beforeLogin);
    expect(forcedAuthTime).toBeGreaterThan(firstAuthTime);

    // The session the forced login created is the one a later silent request reports.
    const later = authorizationRequest();
    const callback = locationOf(await agent.get(`${issuer}/authorize?${new URLSearchParams({ ...later.query, prompt: "none" })}`));
    expect(await authTimeOf(callback.searchParams.get("code") ?? "", later)).toBe(forcedAuthTime);
  });
});
