// The hardening rules of the authorization server and the mail API, one test per rule, named by the
// RFC section it checks. Happy paths use oauth4webapi (authorization-code-flow.spec.ts); these use raw HTTP.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { LIFETIMES } from "@oauth-flow-lab/lab";
import { expect, test } from "@playwright/test";
import pg from "pg";
import {
  authDatabaseUrl,
  authorizationRequest,
  basicAuth,
  client,
  form,
  issuer,
  mailApi,
  mailApiClient,
  obtainTokens,
  ScriptedUserAgent,
  tokenRequest,
} from "../support/lab.ts";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");

/** The demo clock: tests move stored timestamps instead of waiting for them. */
async function sql(text: string, values: unknown[]): Promise<number> {
  const client = new pg.Client({ connectionString: authDatabaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rowCount ?? 0;
  } finally {
    await client.end();
  }
}

async function freshCode() {
  const request = authorizationRequest();
  const callback = await new ScriptedUserAgent().authorize(request.query);
  const code = callback.searchParams.get("code");
  if (!code) throw new Error("no code");
  return {
    code,
    params: { grant_type: "authorization_code", code, redirect_uri: client.redirect_uri, code_verifier: request.pkce.code_verifier },
  };
}

async function post(path: string, params: Record<string, string>, who: Credentials) {
  const request = form(params);
  return fetch(`${issuer}${path}`, {
    method: "POST",
    headers: { ...request.headers, authorization: basicAuth(who.client_id, who.client_secret) },
    body: request.body,
  });
}

type Credentials = { client_id: string; client_secret: string };
const introspect = (token: string, who: Credentials = mailApiClient) => post("/introspect", { token }, who);
const revoke = (token: string, who: Credentials = client) => post("/revoke", { token }, who);

/** The mail API rechecks a token's status within seconds; wait for it rather than guess. */
async function expectMailApiStatus(token: string, status: number) {
  await expect
    .poll(async () => (await fetch(`${mailApi}/v1/messages?limit=1`, { headers: bearer(token) })).status, {
      // The mail API trusts an "active" introspection answer this long; then it asks again.
      timeout: (LIFETIMES.introspection_cache.seconds + 10) * 1000,
    })
    .toBe(status);
}

test.describe("RFC 7662 introspection", () => {
  test("§2.2: an active token's claims for the resource server; §2.1: only registered resource servers may ask", async () => {
    const { access_token } = await obtainTokens("openid mail.read");
    const response = await introspect(access_token);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({
      active: true,
      scope: "openid mail.read",
      client_id: client.client_id,
      token_type: "Bearer",
    });

    const asClient = await introspect(access_token, client);
    expect(asClient.status).toBe(400);
    expect(await asClient.json()).toMatchObject({ error: "unauthorized_client" });
    const anonymous = await fetch(`${issuer}/introspect`, { method: "POST", ...form({ token: access_token }) });
    expect(anonymous.status).toBe(401);
  });

  test("§2.2: garbage is simply inactive", async () => {
    const response = await introspect("not-a-token");
    expect(await response.json()).toEqual({ active: false });
  });
});

test.describe("RFC 7009 revocation", () => {
  test("§2.1: revoking a refresh token ends it and the access tokens of its grant, at the AS and the mail API", async () => {
    const tokens = await obtainTokens();
    if (!tokens.refresh_token) throw new Error("no refresh token");
    await expectMailApiStatus(tokens.access_token, 200);

    const response = await revoke(tokens.refresh_token);
    expect(response.status).toBe(200);

    const refresh = await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
    expect(await refresh.json()).toMatchObject({ error: "invalid_grant" });
    expect(await (await introspect(tokens.access_token)).json()).toEqual({ active: false });
    expect((await fetch(`${issuer}/userinfo`, { headers: bearer(tokens.access_token) })).status).toBe(401);
    await expectMailApiStatus(tokens.access_token, 401);
  });

  test("§2.1: an access token can be revoked on its own", async () => {
    const tokens = await obtainTokens();
    expect((await revoke(tokens.access_token)).status).toBe(200);
    expect(await (await introspect(tokens.access_token)).json()).toEqual({ active: false });
    await expectMailApiStatus(tokens.access_token, 401);
  });

  test("§2.1: another client cannot revoke your tokens", async () => {
    const tokens = await obtainTokens();
    if (!tokens.refresh_token) throw new Error("no refresh token");
    // Refused, not silently ignored (issue 9, fix 5): the caller authenticated, so nothing is probed.
    expect((await revoke(tokens.refresh_token, mailApiClient)).status).toBe(400);
    expect((await revoke(tokens.access_token, mailApiClient)).status).toBe(400);
    expect(await (await introspect(tokens.access_token)).json()).toMatchObject({ active: true });
    const refresh = await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
    expect(refresh.status).toBe(200);
  });

  test("RFC 6749 §4.1.2: a replayed code also kills the access token it already produced", async () => {
    const request = authorizationRequest();
    const callback = await new ScriptedUserAgent().authorize(request.query);
    const params = {
      grant_type: "authorization_code",
      code: callback.searchParams.get("code") ?? "",
      redirect_uri: client.redirect_uri,
      code_verifier: request.pkce.code_verifier,
    };
    const first = (await (await tokenRequest(params)).json()) as { access_token: string };
    await expectMailApiStatus(first.access_token, 200);
    expect((await tokenRequest(params)).status).toBe(400);
    await expectMailApiStatus(first.access_token, 401);
  });
});

test.describe("RFC 6749 token endpoint", () => {
  test("§4.1.2: an expired code is invalid_grant", async () => {
    const { code, params } = await freshCode();
    expect(await sql("UPDATE authorization_codes SET expires_at = now() - interval '1 second' WHERE code_hash = $1", [sha256(code)])).toBe(
      1,
    );
    const response = await tokenRequest(params);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_grant", error_description: expect.stringContaining("expired") });
  });

  test("RFC 7636 §4.1: a code_verifier of the wrong length or alphabet is invalid_request", async () => {
    for (const code_verifier of ["short", "a".repeat(129), `${"a".repeat(42)}+`]) {
      const { params } = await freshCode();
      const response = await tokenRequest({ ...params, code_verifier });
      expect(await response.json(), code_verifier).toMatchObject({ error: "invalid_request" });
    }
  });

  test("§6: a refresh token is bound to the client it was issued to", async () => {
    const tokens = await obtainTokens();
    if (!tokens.refresh_token) throw new Error("no refresh token");
    // Re-home the token to another client: the dashboard may no longer use it.
    expect(await sql("UPDATE refresh_tokens SET client_id = 'mail-api' WHERE token_hash = $1", [sha256(tokens.refresh_token)])).toBe(1);
    const response = await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
    expect(await response.json()).toMatchObject({ error: "invalid_grant" });
  });

  test("unsupported grant types: password, implicit, client_credentials are not offered", async () => {
    for (const grant_type of ["password", "implicit", "client_credentials", "urn:ietf:params:oauth:grant-type:device_code"]) {
      const response = await tokenRequest({ grant_type, username: "alice", password: "alice-password" });
      expect(await response.json(), grant_type).toMatchObject({ error: "unsupported_grant_type" });
    }
    const metadata = (await (await fetch(`${issuer}/.well-known/oauth-authorization-server`)).json()) as {
      grant_types_supported: string[];
    };
    expect(metadata.grant_types_supported).not.toContain("password");
    expect(metadata.grant_types_supported).not.toContain("implicit");
  });

  test("§5.1: token responses carry Cache-Control: no-store and Pragma: no-cache", async () => {
    const response = await tokenRequest({ grant_type: "refresh_token", refresh_token: "x" });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("pragma")).toBe("no-cache");
  });

  test("§2.3.1: client credentials in the URL query are refused", async () => {
    const response = await fetch(
      `${issuer}/token?client_id=${client.client_id}&client_secret=${encodeURIComponent(client.client_secret)}`,
      {
        method: "POST",
        ...form({ grant_type: "refresh_token", refresh_token: "x" }),
      },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request" });
  });

  test("§3.2: a repeated parameter is invalid_request", async () => {
    const response = await fetch(`${issuer}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: basicAuth(client.client_id, client.client_secret) },
      body: "grant_type=refresh_token&refresh_token=a&refresh_token=b",
    });
    expect(await response.json()).toMatchObject({ error: "invalid_request" });
  });

  test("§6: the scope of a refresh may be narrowed, never widened", async () => {
    const tokens = await obtainTokens("openid offline_access mail.read");
    if (!tokens.refresh_token) throw new Error("no refresh token");
    const widened = await tokenRequest({
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      scope: "openid mail.read mail.send",
    });
    expect(await widened.json()).toMatchObject({ error: "invalid_scope" });
    const narrowed = await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token, scope: "mail.read" });
    // A refused widening does not use the refresh token up: the scope is checked before rotation.
    expect(narrowed.status).toBe(200);
    expect(await narrowed.json()).toMatchObject({ scope: "mail.read" });
  });
});

test.describe("OpenID Connect and metadata", () => {
  test("Discovery §3 / RFC 8414 §2: the metadata matches what the server does", async () => {
    const metadata = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    const oauthMetadata = await (await fetch(`${issuer}/.well-known/oauth-authorization-server`)).json();
    expect(oauthMetadata).toEqual(metadata);
    expect(metadata).toMatchObject({
      issuer,
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code", "refresh_token"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
      authorization_response_iss_parameter_supported: true,
      id_token_signing_alg_values_supported: ["ES256"],
    });
    for (const endpoint of ["token_endpoint", "revocation_endpoint", "introspection_endpoint"]) {
      const response = await fetch(String(metadata[endpoint]), { method: "POST", ...form({}) });
      expect(response.status, endpoint).toBe(401); // there, and asking for client authentication
    }
    expect((await fetch(String(metadata.jwks_uri))).status).toBe(200);
    expect((await fetch(String(metadata.userinfo_endpoint))).status).toBe(401);
  });

  test("Core §5.3: /userinfo needs the openid scope", async () => {
    const withoutOpenid = await obtainTokens("mail.read");
    const response = await fetch(`${issuer}/userinfo`, { headers: bearer(withoutOpenid.access_token) });
    expect(response.status).toBe(403);
    expect(response.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
  });

  test("RFC 6749 §3.1: unknown authorization parameters are ignored", async () => {
    const request = authorizationRequest();
    const callback = await new ScriptedUserAgent().authorize({ ...request.query, utm_source: "newsletter", display: "page" });
    expect(callback.searchParams.get("code")).toBeTruthy();
  });
});

test.describe("signing keys", () => {
  test("RFC 7517: rotation adds a key, keeps the old one published, and the mail API follows without a restart", async () => {
    const before = await obtainTokens("openid mail.read");
    const oldKid = JSON.parse(Buffer.from(before.access_token.split(".")[0] ?? "", "base64url").toString()).kid as string;

    execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/rotate-signing-key.ts"], {
      env: { ...process.env, AUTH_DATABASE_URL: authDatabaseUrl },
      stdio: "pipe",
    });

    // The AS re-reads its current key within seconds.
    let after = before;
    await expect
      .poll(
        async () => {
          after = await obtainTokens("openid mail.read");
          return JSON.parse(Buffer.from(after.access_token.split(".")[0] ?? "", "base64url").toString()).kid as string;
        },
        { timeout: 20_000, intervals: [1000] },
      )
      .not.toBe(oldKid);

    const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toContain(oldKid);
    expect(jwks.keys.length).toBeGreaterThanOrEqual(2);
    await expectMailApiStatus(after.access_token, 200);
    expect((await fetch(`${mailApi}/v1/messages?limit=1`, { headers: bearer(before.access_token) })).status).toBe(200);
  });
});

test.describe("the AS's own pages", () => {
  test("RFC 9700 §4.16: login and consent pages cannot be framed, leak no referrer and are not cached", async () => {
    const agent = new ScriptedUserAgent();
    const response = await agent.get(`${issuer}/authorize?${new URLSearchParams(authorizationRequest().query)}`);
    const page = await agent.get(response.headers.get("location") ?? "");
    expect(page.status).toBe(200);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("cache-control")).toContain("no-store");
  });

  test("cookies are HttpOnly and SameSite=Lax; a credential POST answers 303", async () => {
    const agent = new ScriptedUserAgent();
    const start = await agent.get(`${issuer}/authorize?${new URLSearchParams(authorizationRequest().query)}`);
    const interactionCookie = start.headers.getSetCookie().find((c) => c.startsWith("as_interaction="));
    expect(interactionCookie).toMatch(/HttpOnly/i);
    expect(interactionCookie).toMatch(/SameSite=lax/i);
    const interaction = start.headers.get("location") ?? "";
    const page = await (await agent.get(interaction)).text();
    const csrf_token = /name="csrf_token" value="([^"]+)"/.exec(page)?.[1] ?? "";
    const login = await agent.post(`${interaction}/login`, { csrf_token, username: "alice", password: "alice-password" });
    expect(login.status).toBe(303);
    const sessionCookie = login.headers.getSetCookie().find((c) => c.startsWith("as_session="));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=lax/i);
  });

  test("a login form posted without the interaction's cookie and CSRF token does nothing", async () => {
    const agent = new ScriptedUserAgent();
    const response = await agent.get(`${issuer}/authorize?${new URLSearchParams(authorizationRequest().query)}`);
    const interaction = response.headers.get("location") ?? "";
    const forged = await fetch(`${interaction}/login`, {
      method: "POST",
      redirect: "manual",
      ...form({ username: "alice", password: "alice-password" }),
    });
    expect(forged.status).toBe(303);
    expect(forged.headers.get("set-cookie") ?? "").not.toContain("as_session");
    const noCsrf = await agent.post(`${interaction}/login`, { username: "alice", password: "alice-password" });
    expect(noCsrf.headers.get("location")).toContain("error=csrf");
  });

  test("login throttling: repeated failures lock the account, with the same answer for unknown accounts", async () => {
    const agent = new ScriptedUserAgent();
    const username = `nobody-${Date.now()}`;
    const messages: string[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const error = await agent.authorize(authorizationRequest().query, { username, password: "guess" }).then(
        () => "",
        (e: Error) => e.message,
      );
      messages.push(error);
    }
    expect(messages.slice(0, 5).every((m) => m.includes("Wrong username or password"))).toBe(true);
    expect(messages[5]).toContain("Too many failed sign-in attempts");
  });
});
