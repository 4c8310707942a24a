// Issue 9, "Fix": the login throttle under parallel requests and forged X-Forwarded-For (OWASP ASVS
// 2.2.1), the grant's absolute lifetime and the client's current registration on refresh (RFC 9700
// §4.14.2), the dashboard's RFC 9207 §2.4 check on error responses, and the security headers of /spa.
// Real HTTP against the running lab; the demo clock is moved by editing stored timestamps.
import { createHash, randomBytes } from "node:crypto";
import { CLIENTS, LOGIN_THROTTLE } from "@oauth-flow-lab/lab";
import { expect, test } from "@playwright/test";
import pg from "pg";
import {
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
  pkcePair,
  ScriptedUserAgent,
  tokenRequest,
} from "../support/lab.ts";

const dashboard = lab.dashboardUrl;

async function sql<Row extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<Row[]> {
  const connection = new pg.Client({ connectionString: authDatabaseUrl });
  await connection.connect();
  try {
    return (await connection.query<Row>(text, values)).rows;
  } finally {
    await connection.end();
  }
}

/** An interaction waiting for a login: its URL, the browser that opened it, and its CSRF token. */
async function openLoginForm(): Promise<{ agent: ScriptedUserAgent; interaction: string; csrf_token: string }> {
  const agent = new ScriptedUserAgent();
  const interaction = locationOf(await agent.get(`${issuer}/authorize?${new URLSearchParams(authorizationRequest().query)}`)).href;
  const page = await (await agent.get(interaction)).text();
  const csrf_token = /name="csrf_token" value="([^"]+)"/.exec(page)?.[1];
  if (!csrf_token) throw new Error("no login form");
  return { agent, interaction, csrf_token };
}

/** The error the login form answered with ("credentials", "throttled", …), read from its 303. */
async function postLogin(
  form: { agent: ScriptedUserAgent; interaction: string; csrf_token: string },
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const response = await form.agent.post(`${form.interaction}/login`, { csrf_token: form.csrf_token, username, password }, headers);
  return locationOf(response).searchParams.get("error") ?? "none";
}

test.describe("Fix 1, 2: the login throttle", () => {
  test("20 parallel wrong passwords for one account: never more than the limit of 'wrong password' answers", async () => {
    const username = `parallel-${randomBytes(6).toString("hex")}`;
    const forms = await Promise.all(Array.from({ length: 20 }, () => openLoginForm()));
    const answers = await Promise.all(forms.map((form) => postLogin(form, username, "guess")));
    const wrong = answers.filter((a) => a === "credentials").length;
    const throttled = answers.filter((a) => a === "throttled").length;
    expect(wrong + throttled, answers.join(",")).toBe(20);
    expect(wrong, answers.join(",")).toBeLessThanOrEqual(LOGIN_THROTTLE.perAccountAndAddress);
    // And afterwards too: the next attempt is throttled, the password is not even looked at.
    expect(await postLogin(await openLoginForm(), username, "guess")).toBe("throttled");
  });

  test("X-Forwarded-For from a sender that is not a configured proxy is ignored: no row per forged address", async () => {
    const username = `forwarded-${randomBytes(6).toString("hex")}`;
    const forged = Array.from({ length: 3 }, (_, i) => `198.51.100.${i + 1}${randomBytes(2).toString("hex")}`);
    for (const address of forged) {
      expect(await postLogin(await openLoginForm(), username, "guess", { "x-forwarded-for": address })).toBe("credentials");
    }
    const rows = await sql("SELECT key FROM login_throttle WHERE key LIKE ANY($1)", [forged.map((a) => `%${a}%`)]);
    expect(rows).toEqual([]);
  });
});

test.describe("Fix 4: refresh tokens end with their grant and follow the client's registration", () => {
  async function refresh(refresh_token: string) {
    const response = await tokenRequest({ grant_type: "refresh_token", refresh_token });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  }
  const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");

  test("past the grant's absolute lifetime a refresh is invalid_grant, however recently it rotated", async () => {
    const tokens = await obtainTokens();
    const rotated = await refresh(tokens.refresh_token ?? "");
    expect(rotated.status).toBe(200);
    // The grant ends now (the demo clock moves by editing the row); the rotated token is fresh.
    const moved = await sql(
      "UPDATE grants SET expires_at = now() - interval '1 second' WHERE id = (SELECT grant_id FROM refresh_tokens WHERE token_hash = $1) RETURNING id",
      [sha256(rotated.body.refresh_token ?? "")],
    );
    expect(moved).toHaveLength(1);
    const refused = await refresh(rotated.body.refresh_token ?? "");
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: "invalid_grant", error_description: "the grant has reached its absolute lifetime" });
  });

  test("a scope the client may no longer use is dropped on refresh; a disabled client gets nothing", async () => {
    const tokens = await obtainTokens("openid profile offline_access mail.read mail.send");
    const [registered] = await sql<{ allowed_scopes: string[] }>("SELECT allowed_scopes FROM clients WHERE client_id = $1", [
      client.client_id,
    ]);
    const allowed = registered?.allowed_scopes ?? [];
    try {
      await sql("UPDATE clients SET allowed_scopes = array_remove(allowed_scopes, 'mail.send') WHERE client_id = $1", [client.client_id]);
      const narrowed = await refresh(tokens.refresh_token ?? "");
      expect(narrowed.status).toBe(200);
      expect(narrowed.body.scope?.split(" ").sort()).toEqual(["mail.read", "offline_access", "openid", "profile"]);

      await sql("UPDATE clients SET disabled_at = now() WHERE client_id = $1", [client.client_id]);
      const disabled = await refresh(narrowed.body.refresh_token ?? "");
      expect(disabled.status).toBe(400);
      expect(disabled.body.error).toBe("unauthorized_client");
    } finally {
      await sql("UPDATE clients SET allowed_scopes = $2, disabled_at = NULL WHERE client_id = $1", [client.client_id, allowed]).catch(() =>
        sql("UPDATE clients SET allowed_scopes = $2 WHERE client_id = $1", [client.client_id, allowed]),
      );
    }
  });
});

test.describe("Fix 6: the dashboard", () => {
  test("its Content-Security-Policy allows only scripts with this response's nonce, a fresh one each time", async () => {
    const nonces: string[] = [];
    for (const path of ["/", "/spa", "/", "/guided"]) {
      const response = await fetch(`${dashboard}${path}`);
      const policy = response.headers.get("content-security-policy") ?? "";
      const script =
        policy
          .split(";")
          .map((d) => d.trim())
          .find((d) => d.startsWith("script-src")) ?? "";
      expect(script, path).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/]+=*' 'strict-dynamic'$/);
      expect(policy, path).not.toContain("'unsafe-inline' 'nonce");
      const nonce = /'nonce-([^']+)'/.exec(script)?.[1] ?? "";
      nonces.push(nonce);
      // Every script the page carries has that nonce (Next.js puts it on its own scripts).
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  test("RFC 9207 §2.4: an error response without iss is not taken for the AS's answer", async () => {
    const csrf = await fetch(`${dashboard}/api/auth/csrf`);
    const csrfToken = ((await csrf.json()) as { csrfToken: string }).csrfToken;
    const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
    const signIn = await fetch(`${dashboard}/api/auth/signin/labmail`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie.join("; ") },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/inbox" }),
    });
    const state = new URL(signIn.headers.get("location") ?? "", dashboard).searchParams.get("state") ?? "";
    expect(state).not.toBe("");
    const cookie = [...csrfCookie, ...signIn.headers.getSetCookie().map((c) => c.split(";")[0] ?? "")].join("; ");
    const callback = (params: Record<string, string>) =>
      fetch(`${dashboard}/api/auth/callback/labmail?${new URLSearchParams(params)}`, { redirect: "manual", headers: { cookie } });

    const withoutIss = await callback({ error: "access_denied", state });
    expect(withoutIss.headers.get("location") ?? "").not.toMatch(/[?&]error=access_denied\b/);
    // The genuine answer (with iss) is still shown with its real error code.
    const genuine = await callback({ error: "access_denied", state, iss: issuer });
    expect(new URL(genuine.headers.get("location") ?? "", dashboard).searchParams.get("error")).toBe("access_denied");
  });

  for (const path of ["/spa", "/spa/unknown", "/spaces"]) {
    test(`security headers on ${path}: frame-ancestors, nosniff, referrer policy`, async () => {
      const response = await fetch(`${dashboard}${path}`, { redirect: "manual" });
      const headers = response.headers;
      expect(headers.get("content-security-policy") ?? "", path).toContain("frame-ancestors 'none'");
      expect(headers.get("x-frame-options"), path).toBe("DENY");
      expect(headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(headers.get("referrer-policy"), path).toBe("same-origin");
    });
  }
});

test.describe("Fix 3: a code seen by someone else can be neither burnt nor replayed against its owner", () => {
  // MailDash Lite is a public client: its client_id is all anyone needs to call the token endpoint.
  const spa = { client_id: CLIENTS.spa.client_id, redirect_uri: CLIENTS.spa.redirect_uris(lab.dashboardUrl)[0] ?? "" };
  const redeem = (code: string, code_verifier: string, redirect_uri = spa.redirect_uri) =>
    fetch(`${issuer}/token`, {
      method: "POST",
      ...form({ grant_type: "authorization_code", client_id: spa.client_id, code, redirect_uri, code_verifier }),
    });
  /** RFC 7662: what the AS says of a token, asked as the mail API. */
  const active = async (token: string) => {
    const body = form({ token });
    const answer = await fetch(`${issuer}/introspect`, {
      method: "POST",
      headers: { ...body.headers, authorization: basicAuth(mailApiClient.client_id, mailApiClient.client_secret) },
      body: body.body,
    });
    return ((await answer.json()) as { active: boolean }).active;
  };

  test("a stranger without the verifier cannot spend the code; its owner then redeems it", async () => {
    const request = authorizationRequest("openid mail.read", spa);
    const code = (await new ScriptedUserAgent().authorize(request.query)).searchParams.get("code") ?? "";
    const stolen = await redeem(code, pkcePair().code_verifier);
    expect(stolen.status).toBe(400);
    expect(((await stolen.json()) as { error: string }).error).toBe("invalid_grant");
    expect((await redeem(code, request.pkce.code_verifier, `${spa.redirect_uri}/elsewhere`)).status).toBe(400);
    const owner = await redeem(code, request.pkce.code_verifier);
    expect(owner.status).toBe(200);
  });

  test("replaying a spent code without the verifier does not revoke the owner's tokens", async () => {
    const request = authorizationRequest("openid mail.read", spa);
    const code = (await new ScriptedUserAgent().authorize(request.query)).searchParams.get("code") ?? "";
    const { access_token } = (await (await redeem(code, request.pkce.code_verifier)).json()) as { access_token: string };
    expect((await redeem(code, pkcePair().code_verifier)).status).toBe(400);
    expect(await active(access_token)).toBe(true);
    // The owner's own replay (with the verifier) is a real replay: the grant is revoked (RFC 6749 §4.1.2).
    expect((await redeem(code, request.pkce.code_verifier)).status).toBe(400);
    expect(await active(access_token)).toBe(false);
  });
});
