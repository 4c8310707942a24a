// What the tests know about the running lab: its URLs (the test stack: demo ports + 100), the
// dashboard's client registration, and a scripted user agent that logs in and consents over real HTTP.
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { CLIENTS, DEMO_USERS, stackConfig, testPortOffset } from "../../scripts/lib/config.ts";

export const lab = stackConfig(testPortOffset());
export const issuer = lab.issuer;
export const mailApi = lab.mailApiUrl;
export const client = {
  client_id: CLIENTS.dashboard.client_id,
  client_secret: requiredEnv("DASHBOARD_CLIENT_SECRET"),
  redirect_uri: CLIENTS.dashboard.redirect_uris(lab.dashboardUrl)[0] ?? "",
};
/** The guided flow's own registration (teaching mode only): its secret is safe to project. */
export const guidedClient = {
  client_id: CLIENTS.guided.client_id,
  client_secret: requiredEnv("GUIDED_CLIENT_SECRET"),
  redirect_uri: CLIENTS.guided.redirect_uris(lab.dashboardUrl)[0] ?? "",
};
export const [alice, bob] = DEMO_USERS;
/** The mail API's own registration: a resource server that may introspect tokens. */
export const mailApiClient = { client_id: CLIENTS.mailApi.client_id, client_secret: requiredEnv("MAIL_API_CLIENT_SECRET") };
/** The AS's database: the embedded one, or the PostgreSQL pass's (scripts/test-postgres.ts sets both URLs). */
export const authDatabaseUrl =
  process.env.AUTH_DATABASE_URL && process.env.MAIL_DATABASE_URL
    ? process.env.AUTH_DATABASE_URL
    : `postgresql://postgres:postgres@${lab.db.host}:${lab.db.authPort}/postgres`;

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through playwright.config.ts`);
  return value;
}

export function pkcePair(): { code_verifier: string; code_challenge: string } {
  const code_verifier = randomBytes(32).toString("base64url");
  return { code_verifier, code_challenge: createHash("sha256").update(code_verifier).digest("base64url") };
}

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
}

export function form(params: Record<string, string> | URLSearchParams): { headers: Record<string, string>; body: string } {
  return {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(params).toString(),
  };
}

/** A minimal browser: keeps cookies per path, follows nothing by itself. */
export class ScriptedUserAgent {
  private cookies = new Map<string, { value: string; path: string }>();

  /** Another user agent with this one's cookies: the same signed-in browser, another tab. */
  fork(): ScriptedUserAgent {
    const tab = new ScriptedUserAgent();
    for (const [name, cookie] of this.cookies) tab.cookies.set(name, { ...cookie });
    return tab;
  }

  async get(url: string | URL): Promise<Response> {
    return this.send(url, { method: "GET" });
  }

  async post(url: string | URL, params: Record<string, string> | URLSearchParams, headers: Record<string, string> = {}): Promise<Response> {
    const request = form(params);
    return this.send(url, { method: "POST", body: request.body, headers: { ...request.headers, ...headers } });
  }

  private async send(url: string | URL, init: { method: string; headers?: Record<string, string>; body?: string }) {
    const target = new URL(url);
    const cookie = [...this.cookies.entries()]
      .filter(([, c]) => target.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join("; ");
    const response = await fetch(target, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers ?? {}), ...(cookie ? { cookie } : {}) },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const [name, ...rest] = (pair ?? "").split("=");
      const path =
        attributes
          .map((a) => a.trim())
          .find((a) => a.toLowerCase().startsWith("path="))
          ?.slice(5) ?? "/";
      if (name) this.cookies.set(name.trim(), { value: rest.join("="), path });
    }
    return response;
  }

  /**
   * Drives /authorize → login → consent like a user would, and returns the final redirect to the client.
   * `decision` "allow" or "deny"; the password can be wrong on purpose. `as`: another AS base URL (an
   * instance behind the load balancer).
   */
  async authorize(
    query: Record<string, string>,
    user: { username: string; password: string } = alice,
    decision: "allow" | "deny" = "allow",
    as: string = issuer,
  ): Promise<URL> {
    let response = await this.get(`${as}/authorize?${new URLSearchParams(query)}`);
    let location = locationOf(response);
    if (!location.href.startsWith(`${as}/interaction/`)) return location;
    const interaction = location;
    let page = await (await this.get(interaction)).text();
    if (page.includes('name="password"')) {
      response = await this.post(`${interaction.href}/login`, {
        csrf_token: csrfToken(page),
        username: user.username,
        password: user.password,
      });
      location = locationOf(response);
      if (!location.href.startsWith(interaction.href)) return location;
      page = await (await this.get(location)).text();
      if (page.includes('name="password"')) throw new LoginFailed(page);
    }
    response = await this.post(`${interaction.href}/consent`, { csrf_token: csrfToken(page), decision });
    return locationOf(response);
  }
}

export class LoginFailed extends Error {}

/** `name=value` of every cookie a response sets (and does not delete). */
export function setCookies(response: Response): string[] {
  return response.headers
    .getSetCookie()
    .filter((header) => !/;\s*max-age=0\b/i.test(header))
    .map((header) => header.split(";")[0] ?? "")
    .filter((pair) => pair.includes("="));
}

export function locationOf(response: Response): URL {
  const location = response.headers.get("location");
  if (response.status !== 303 && response.status !== 302) {
    throw new Error(`expected a redirect, got ${response.status}`);
  }
  if (!location) throw new Error("redirect without Location");
  return new URL(location);
}

function csrfToken(html: string): string {
  const match = /name="csrf_token" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("no csrf_token in the page");
  return match[1];
}

/** The dashboard's standard authorization request (or another registration's), with fresh state, nonce and PKCE. */
export function authorizationRequest(
  scope = "openid profile email offline_access mail.read",
  registration: { client_id: string; redirect_uri: string } = client,
) {
  const pkce = pkcePair();
  const state = randomBytes(16).toString("base64url");
  const nonce = randomBytes(16).toString("base64url");
  return {
    pkce,
    state,
    nonce,
    query: {
      response_type: "code",
      client_id: registration.client_id,
      redirect_uri: registration.redirect_uri,
      scope,
      state,
      nonce,
      code_challenge: pkce.code_challenge,
      code_challenge_method: "S256",
    },
  };
}

export async function tokenRequest(params: Record<string, string>, authorization = basicAuth(client.client_id, client.client_secret)) {
  const request = form(params);
  return fetch(`${issuer}/token`, { method: "POST", headers: { ...request.headers, authorization }, body: request.body });
}

/** The whole flow, scripted: returns the token response of a fresh authorization for `scope`. */
export async function obtainTokens(scope?: string, user: { username: string; password: string } = alice) {
  const request = authorizationRequest(scope);
  const callback = await new ScriptedUserAgent().authorize(request.query, user);
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`no code in ${callback.href}`);
  const response = await tokenRequest({
    grant_type: "authorization_code",
    code,
    redirect_uri: client.redirect_uri,
    code_verifier: request.pkce.code_verifier,
  });
  if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { access_token: string; refresh_token?: string; id_token?: string; scope: string; expires_in: number };
}

/**
 * Forgets what a demo user allowed a client (the AS remembers consent per client and scope), so that a
 * test starts like a student who never signed in to it: at the full consent page.
 */
export async function forgetConsent(user: { username: string }, client_id: string = client.client_id): Promise<void> {
  const connection = new pg.Client({ connectionString: authDatabaseUrl, connectionTimeoutMillis: 10_000 });
  await connection.connect();
  try {
    await connection.query(
      'DELETE FROM "consents" c USING "users" u WHERE c."user_id" = u."id" AND u."username" = $1 AND c."client_id" = $2',
      [user.username, client_id],
    );
  } finally {
    await connection.end();
  }
}

/**
 * The environment of one more dashboard instance on `port`, on the test stack's AS and mail API. It
 * serves the stack's public origin (NEXTAUTH_URL), as an instance behind a load balancer does: the
 * registered redirect URIs are the origin's.
 */
export function dashboardInstanceEnv(port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOST: "127.0.0.1",
    PORT: String(port),
    NEXTAUTH_URL: lab.dashboardUrl,
    NEXTAUTH_SECRET: requiredEnv("NEXTAUTH_SECRET"),
    ISSUER: issuer,
    OAUTH_CLIENT_ID: client.client_id,
    OAUTH_CLIENT_SECRET: client.client_secret,
    PUBLIC_CLIENT_ID: CLIENTS.spa.client_id,
    MAIL_API_URL: mailApi,
    ...extra,
  };
}
