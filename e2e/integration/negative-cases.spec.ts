// What must go wrong, and how: each case names the rule it checks.
import { expect, test } from "@playwright/test";
import {
  alice,
  authorizationRequest,
  basicAuth,
  bob,
  client,
  issuer,
  mailApi,
  obtainTokens,
  pkcePair,
  ScriptedUserAgent,
  tokenRequest,
} from "../support/lab.ts";

async function codeFor(request = authorizationRequest()) {
  const callback = await new ScriptedUserAgent().authorize(request.query, alice);
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`no code: ${callback.href}`);
  return { code, request };
}

test.describe("authorization endpoint", () => {
  test("RFC 6749 §4.1.2.1: an unregistered redirect_uri is never redirected to", async () => {
    for (const redirect_uri of [
      "https://attacker.example/callback",
      `${client.redirect_uri}/extra`,
      `${client.redirect_uri}?x=1`,
      client.redirect_uri.replace("127.0.0.1", "localhost"),
      client.redirect_uri.toUpperCase(),
    ]) {
      const { query } = authorizationRequest();
      const response = await fetch(`${issuer}/authorize?${new URLSearchParams({ ...query, redirect_uri })}`, { redirect: "manual" });
      expect(response.status, redirect_uri).toBe(400);
      expect(response.headers.get("location")).toBeNull();
      expect(await response.text()).toContain("not registered");
    }
  });

  test("RFC 6749 §4.1.2.1: an unknown client_id is shown at the AS, not redirected", async () => {
    const { query } = authorizationRequest();
    const response = await fetch(`${issuer}/authorize?${new URLSearchParams({ ...query, client_id: "nobody" })}`, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  test("RFC 7636 §4.4.1: without PKCE, or with plain, the client gets invalid_request with state and iss", async () => {
    for (const change of [{ code_challenge: "" }, { code_challenge_method: "plain" }]) {
      const { query, state } = authorizationRequest();
      const response = await fetch(`${issuer}/authorize?${new URLSearchParams({ ...query, ...change })}`, { redirect: "manual" });
      expect(response.status).toBe(303);
      const location = new URL(response.headers.get("location") ?? "");
      expect(location.origin + location.pathname).toBe(client.redirect_uri);
      expect(location.searchParams.get("error")).toBe("invalid_request");
      expect(location.searchParams.get("state")).toBe(state);
      expect(location.searchParams.get("iss")).toBe(issuer);
    }
  });

  test("RFC 6749 §4.1.2.1: response_type=token is unsupported_response_type", async () => {
    const { query } = authorizationRequest();
    const response = await fetch(`${issuer}/authorize?${new URLSearchParams({ ...query, response_type: "token" })}`, {
      redirect: "manual",
    });
    expect(new URL(response.headers.get("location") ?? "").searchParams.get("error")).toBe("unsupported_response_type");
  });

  test("a wrong password keeps the user at the AS login page with a clear error", async () => {
    const agent = new ScriptedUserAgent();
    const { query } = authorizationRequest();
    await expect(agent.authorize(query, { username: alice.username, password: "not-her-password" })).rejects.toThrow(
      /Wrong username or password/,
    );
  });

  test("RFC 6749 §4.1.2.1: denied consent returns access_denied with state and iss", async () => {
    const { query, state } = authorizationRequest();
    // prompt=consent: ask again even if bob consented earlier in this run.
    const callback = await new ScriptedUserAgent().authorize({ ...query, prompt: "consent" }, bob, "deny");
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe(state);
    expect(callback.searchParams.get("iss")).toBe(issuer);
    expect(callback.searchParams.get("code")).toBeNull();
  });
});

test.describe("token endpoint", () => {
  test("RFC 7636 §4.6: a wrong code_verifier is invalid_grant", async () => {
    const { code } = await codeFor();
    const response = await tokenRequest({
      grant_type: "authorization_code",
      code,
      redirect_uri: client.redirect_uri,
      code_verifier: pkcePair().code_verifier,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_grant" });
  });

  test("RFC 6749 §4.1.2: a code works once; a replay is invalid_grant and revokes what it issued", async () => {
    const { code, request } = await codeFor();
    const params = { grant_type: "authorization_code", code, redirect_uri: client.redirect_uri, code_verifier: request.pkce.code_verifier };
    const first = await tokenRequest(params);
    expect(first.status).toBe(200);
    const tokens = (await first.json()) as { refresh_token: string };
    const replay = await tokenRequest(params);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: "invalid_grant" });
    const refresh = await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ error: "invalid_grant" });
  });

  test("RFC 6749 §5.2: a wrong client secret is 401 invalid_client with WWW-Authenticate", async () => {
    const { code, request } = await codeFor();
    const response = await tokenRequest(
      { grant_type: "authorization_code", code, redirect_uri: client.redirect_uri, code_verifier: request.pkce.code_verifier },
      basicAuth(client.client_id, "wrong-secret"),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Basic /);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });

  test("client_secret_post is refused for a client registered for client_secret_basic (issue 9, fix 5)", async () => {
    const { code, request } = await codeFor();
    const body = new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: client.redirect_uri,
      code_verifier: request.pkce.code_verifier,
      client_id: client.client_id,
      client_secret: client.client_secret,
    });
    const response = await fetch(`${issuer}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    // RFC 6749 §5.2 invalid_client: "… unsupported authentication method"; not a Basic attempt, so no challenge.
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });

  test("RFC 6749 §3.2: GET is not allowed at the token endpoint", async () => {
    const response = await fetch(`${issuer}/token`);
    expect(response.status).toBe(405);
  });
});

test.describe("mail API (RFC 6750)", () => {
  test("no token: 401 with a bare Bearer challenge", async () => {
    const response = await fetch(`${mailApi}/v1/messages`);
    expect(response.status).toBe(401);
    const challenge = response.headers.get("www-authenticate") ?? "";
    expect(challenge).toMatch(/^Bearer /);
    expect(challenge).not.toContain("error=");
  });

  test("a forged or garbled token: 401 invalid_token", async () => {
    const { access_token } = await obtainTokens("openid mail.read");
    const [h, p] = access_token.split(".");
    const forged = `${h}.${p}.${"A".repeat(86)}`;
    for (const token of [forged, "not-a-jwt"]) {
      const response = await fetch(`${mailApi}/v1/messages`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
    }
  });

  test("a token without mail.send cannot send: 403 insufficient_scope", async () => {
    const { access_token } = await obtainTokens("openid mail.read");
    const response = await fetch(`${mailApi}/v1/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
      body: JSON.stringify({ to: bob.email, subject: "Hi", body: "Hello" }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
  });

  test("with mail.send the message is sent; each user sees only their own mailbox", async () => {
    const aliceTokens = await obtainTokens("openid mail.read mail.send", alice);
    const sent = await fetch(`${mailApi}/v1/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${aliceTokens.access_token}`, "content-type": "application/json" },
      body: JSON.stringify({ to: bob.email, subject: "Lunch?", body: "Tomorrow at noon?" }),
    });
    expect(sent.status).toBe(201);

    const bobTokens = await obtainTokens("openid mail.read", bob);
    const bobInbox = (await (
      await fetch(`${mailApi}/v1/messages?limit=50`, { headers: { authorization: `Bearer ${bobTokens.access_token}` } })
    ).json()) as {
      messages: { id: string }[];
    };
    const aliceInbox = (await (
      await fetch(`${mailApi}/v1/messages?limit=50`, { headers: { authorization: `Bearer ${aliceTokens.access_token}` } })
    ).json()) as {
      messages: { id: string }[];
    };
    const bobIds = new Set(bobInbox.messages.map((m) => m.id));
    expect(aliceInbox.messages.some((m) => bobIds.has(m.id))).toBe(false);
    const bobsMessage = bobInbox.messages[0];
    if (!bobsMessage) throw new Error("bob has no mail");
    const peek = await fetch(`${mailApi}/v1/messages/${bobsMessage.id}`, {
      headers: { authorization: `Bearer ${aliceTokens.access_token}` },
    });
    expect(peek.status).toBe(404);
  });
});
