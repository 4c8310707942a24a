// The attack lab's backend over real HTTP: the naive twins (their own registrations, their own weakened
// policy at the AS, the mail API's naive endpoint with its synthetic mailbox) do what they are for, and
// nothing else changes. The test stack runs with teaching mode and the attack lab on; a second, separate
// lab (ports + 200, teaching mode off, so no twin) is the "before" the real apps are compared with, and
// the database the AS must refuse to start on once a twin is slipped into it.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { NAIVE_CLIENTS, NAIVE_MAIL_PATH, parseNaiveClientSecrets } from "@oauth-flow-lab/lab";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { stackConfig, testPortOffset } from "../../scripts/lib/config.ts";
import { type RunningStack, root, startStack } from "../../scripts/lib/stack.ts";
import {
  alice,
  authDatabaseUrl,
  authorizationRequest,
  basicAuth,
  client,
  issuer,
  lab,
  mailApi,
  obtainTokens,
  ScriptedUserAgent,
  tokenRequest,
} from "../support/lab.ts";

const naiveSecrets = parseNaiveClientSecrets(process.env.NAIVE_CLIENT_SECRETS);
const twin = (c: { client_id: string; redirect_uris: (dashboardUrl: string) => string[] }) => ({
  client_id: c.client_id,
  client_secret: naiveSecrets[c.client_id] ?? "",
  redirect_uri: c.redirect_uris(lab.dashboardUrl)[0] ?? "",
});
const prefixTwin = twin(NAIVE_CLIENTS.prefixRedirect);
const noPkceTwin = twin(NAIVE_CLIENTS.noPkce);

/** The lab without the twins: teaching mode (and so the attack lab) off. */
const plain = stackConfig(testPortOffset() + 200);
let plainStack: RunningStack | undefined;
const plainAuthDatabaseUrl = () => {
  if (!plainStack) throw new Error("the plain lab did not start");
  return plainStack.databaseUrls.AUTH_DATABASE_URL;
};

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // Its own databases (in memory, or fresh ones on the PostgreSQL pass's server): never the test stack's.
  plainStack = await startStack({
    config: plain,
    dataDir: undefined,
    logs: "inherit",
    teaching: false,
    separateDatabases: true,
    progress: () => undefined,
  });
});

test.afterAll(async () => {
  await plainStack?.stop();
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** RFC 8725 §2.1: an unsigned token (`alg: none`) that claims to be an access token of alice's. */
function forgedAliceToken(): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: issuer,
    aud: mailApi,
    sub: alice.sub,
    client_id: client.client_id,
    scope: "openid mail.read",
    jti: "forged",
    iat: now,
    exp: now + 300,
  };
  return `${b64({ alg: "none", typ: "at+jwt" })}.${b64(claims)}.`;
}

type Summary = { id: string; subject: string; to: string; from: { address: string } };

test("a forged token (alg none, alice's sub) reads only the synthetic mailbox at the naive endpoint, and 401 at the real one", async () => {
  const token = forgedAliceToken();
  const naive = await fetch(`${mailApi}${NAIVE_MAIL_PATH}`, { headers: { authorization: `Bearer ${token}` } });
  expect(naive.status).toBe(200);
  const body = (await naive.json()) as {
    accepted_because: string;
    trust: string;
    mailbox: string;
    messages: Summary[];
    claims: { sub: string };
  };
  expect(body).toMatchObject({ accepted_because: "alg none trusted", trust: "alg-none", mailbox: "synthetic" });
  expect(body.claims.sub).toBe(alice.sub);
  expect(body.messages.length).toBeGreaterThan(0);

  const real = await fetch(`${mailApi}/v1/messages`, { headers: { authorization: `Bearer ${token}` } });
  expect(real.status).toBe(401);
  expect(((await real.json()) as { error: string }).error).toBe("invalid_token");
  expect(real.headers.get("www-authenticate")).toMatch(/^Bearer realm="mail-api", error="invalid_token"/);

  // Nothing of alice's real mailbox is in the synthetic one.
  const tokens = await obtainTokens("openid mail.read");
  const inbox = (await (
    await fetch(`${mailApi}/v1/messages?limit=50`, { headers: { authorization: `Bearer ${tokens.access_token}` } })
  ).json()) as { messages: Summary[] };
  expect(inbox.messages.length).toBeGreaterThan(0);
  const realIds = new Set(inbox.messages.map((m) => m.id));
  const realSubjects = new Set(inbox.messages.map((m) => m.subject));
  for (const message of body.messages) {
    expect(realIds.has(message.id)).toBe(false);
    expect(realSubjects.has(message.subject)).toBe(false);
    expect(message.to).not.toBe(alice.email);
    expect(message.from.address).toMatch(/\.invalid$/);
  }

  // With the attack lab off, the naive endpoint is an unknown path: the same 404.
  const off = await fetch(`${plain.mailApiUrl}${NAIVE_MAIL_PATH}`, { headers: { authorization: `Bearer ${token}` } });
  const unknown = await fetch(`${plain.mailApiUrl}/no/such/path`, { headers: { authorization: `Bearer ${token}` } });
  expect(off.status).toBe(404);
  expect(await off.text()).toBe(await unknown.text());
});

test("RFC 9700 §4.1.1: the prefix twin gets a code at a longer redirect_uri; the real dashboard client gets the error page", async () => {
  const bent = `${prefixTwin.redirect_uri}/leak`;
  const leaked = authorizationRequest("openid mail.read", { client_id: prefixTwin.client_id, redirect_uri: bent });
  const callback = await new ScriptedUserAgent().authorize(leaked.query, alice);
  expect(callback.origin + callback.pathname).toBe(bent);
  expect(callback.searchParams.get("code")).toBeTruthy();
  expect(callback.searchParams.get("state")).toBe(leaked.state);

  for (const registration of [client, prefixTwin]) {
    const redirect_uri = registration === client ? `${client.redirect_uri}/leak` : "https://attacker.example/callback";
    const { query } = authorizationRequest("openid mail.read", { client_id: registration.client_id, redirect_uri });
    const refused = await fetch(`${issuer}/authorize?${new URLSearchParams(query)}`, { redirect: "manual" });
    expect(refused.status, redirect_uri).toBe(400);
    expect(refused.headers.get("location")).toBeNull();
    expect(await refused.text()).toContain("not registered");
  }
});

test("RFC 9700 §2.1.1: the no-PKCE twin redeems a code without a verifier; the real client cannot; the twin's token never reaches real mail", async () => {
  const request = authorizationRequest("openid mail.read", noPkceTwin);
  const { code_challenge: _challenge, code_challenge_method: _method, ...withoutPkce } = request.query;
  const callback = await new ScriptedUserAgent().authorize(withoutPkce, alice);
  const code = callback.searchParams.get("code");
  expect(code, callback.href).toBeTruthy();
  const redeemed = await tokenRequest(
    { grant_type: "authorization_code", code: code ?? "", redirect_uri: noPkceTwin.redirect_uri },
    basicAuth(noPkceTwin.client_id, noPkceTwin.client_secret),
  );
  expect(redeemed.status).toBe(200);
  const tokens = (await redeemed.json()) as { access_token: string };
  // RFC 8707 §2: the twin's access token names the naive endpoint, so the real mail API refuses it.
  const payload = JSON.parse(Buffer.from(tokens.access_token.split(".")[1] ?? "", "base64url").toString()) as {
    aud: string;
    client_id: string;
  };
  expect(payload).toMatchObject({ aud: `${mailApi}/naive`, client_id: noPkceTwin.client_id });
  const realMail = await fetch(`${mailApi}/v1/messages`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  expect(realMail.status).toBe(401);
  const naiveMail = await fetch(`${mailApi}${NAIVE_MAIL_PATH}`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  expect(((await naiveMail.json()) as { mailbox: string }).mailbox).toBe("synthetic");

  // The real client may not omit the challenge (the error goes back to its verified redirect_uri) ...
  const real = authorizationRequest();
  const { code_challenge: _c, code_challenge_method: _m, ...realWithoutPkce } = real.query;
  const refusedAtAuthorize = await new ScriptedUserAgent().authorize(realWithoutPkce, alice);
  expect(refusedAtAuthorize.origin + refusedAtAuthorize.pathname).toBe(client.redirect_uri);
  expect(refusedAtAuthorize.searchParams.get("error")).toBe("invalid_request");
  expect(refusedAtAuthorize.searchParams.get("code")).toBeNull();
  // ... nor redeem its code without the verifier.
  const realCallback = await new ScriptedUserAgent().authorize(real.query, alice);
  const realCode = realCallback.searchParams.get("code") ?? "";
  const refusedAtToken = await tokenRequest({ grant_type: "authorization_code", code: realCode, redirect_uri: client.redirect_uri });
  expect(refusedAtToken.status).toBe(400);
  expect(await refusedAtToken.json()).toEqual({
    error: "invalid_request",
    error_description: "PKCE is required: the code_verifier parameter is missing",
  });
});

test("the real dashboard client and mail API answer exactly as in a lab without the twins", async () => {
  // The twins are registered here with their policies; every real client keeps the secure defaults.
  const db = new pg.Client({ connectionString: authDatabaseUrl, connectionTimeoutMillis: 10_000, query_timeout: 10_000 });
  await db.connect();
  try {
    const rows = (
      await db.query<{ client_id: string; redirect_uri_matching: string; pkce_required: boolean }>(
        "SELECT client_id, redirect_uri_matching, pkce_required FROM clients ORDER BY client_id",
      )
    ).rows;
    const naiveIds = Object.values(NAIVE_CLIENTS).map((c) => c.client_id);
    expect(
      rows
        .filter((r) => naiveIds.includes(r.client_id))
        .map((r) => r.client_id)
        .sort(),
    ).toEqual([...naiveIds].sort());
    for (const row of rows.filter((r) => !naiveIds.includes(r.client_id))) {
      expect(row, row.client_id).toMatchObject({ redirect_uri_matching: "exact", pkce_required: true });
    }
  } finally {
    await db.end();
  }

  // The same requests to both labs: the answers are the same, up to each lab's own URLs and times.
  const labs = [
    { name: "with the twins", issuer, mailApi, redirect_uri: client.redirect_uri, secret: client.client_secret },
    {
      name: "without",
      issuer: plain.issuer,
      mailApi: plain.mailApiUrl,
      redirect_uri: client.redirect_uri.replace(lab.dashboardUrl, plain.dashboardUrl),
      secret: client.client_secret,
    },
  ];
  const seen: unknown[] = [];
  for (const l of labs) {
    const pkce = authorizationRequest();
    const query = { ...pkce.query, redirect_uri: l.redirect_uri };
    const agent = new ScriptedUserAgent();
    const start = await agent.get(`${l.issuer}/authorize?${new URLSearchParams(query)}`);
    // The flow runs the same: to the login page, then back to the dashboard with a code.
    expect(start.status).toBe(303);
    const callback = await loginAndConsent(agent, start, l.issuer);
    const code = callback.searchParams.get("code") ?? "";
    const token = (body: Record<string, string>) =>
      fetch(`${l.issuer}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: basicAuth(client.client_id, l.secret) },
        body: new URLSearchParams(body).toString(),
      });
    const noVerifier = await token({ grant_type: "authorization_code", code, redirect_uri: l.redirect_uri });
    const tokens = (await (
      await token({ grant_type: "authorization_code", code, redirect_uri: l.redirect_uri, code_verifier: pkce.pkce.code_verifier })
    ).json()) as {
      access_token: string;
      scope: string;
      token_type: string;
      refresh_token?: string;
    };
    const claims = JSON.parse(Buffer.from(tokens.access_token.split(".")[1] ?? "", "base64url").toString()) as Record<string, unknown>;
    const inbox = await fetch(`${l.mailApi}/v1/messages?limit=5`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    const inboxBody = (await inbox.json()) as { messages: Summary[] };
    const bad = await fetch(`${l.mailApi}/v1/messages`, { headers: { authorization: "Bearer not-a-token" } });
    const bent = await fetch(`${l.issuer}/authorize?${new URLSearchParams({ ...query, redirect_uri: `${l.redirect_uri}/leak` })}`, {
      redirect: "manual",
    });
    seen.push({
      callback: { path: callback.pathname, params: [...callback.searchParams.keys()].sort() },
      noVerifier: { status: noVerifier.status, body: await noVerifier.text() },
      tokens: { token_type: tokens.token_type, scope: tokens.scope, refresh: tokens.refresh_token !== undefined },
      claims: {
        aud: claims.aud === l.mailApi,
        iss: claims.iss === l.issuer,
        sub: claims.sub,
        client_id: claims.client_id,
        scope: claims.scope,
      },
      // Other tests may send alice mail: compared are the answer's form and whose mail it is.
      inbox: {
        status: inbox.status,
        type: inbox.headers.get("content-type"),
        cache: inbox.headers.get("cache-control"),
        count: inboxBody.messages.length,
        fields: [...new Set(inboxBody.messages.flatMap((m) => Object.keys(m)))].sort(),
        to: [...new Set(inboxBody.messages.map((m) => m.to))],
      },
      bad: { status: bad.status, body: await bad.text(), challenge: bad.headers.get("www-authenticate") },
      bent: { status: bent.status, location: bent.headers.get("location"), notRegistered: (await bent.text()).includes("not registered") },
    });
  }
  expect(seen[0]).toEqual(seen[1]);
});

/** Logs alice in and consents, from the first redirect to the interaction; returns the redirect to the client. */
async function loginAndConsent(agent: ScriptedUserAgent, start: Response, asIssuer: string): Promise<URL> {
  const interaction = new URL(start.headers.get("location") ?? "", asIssuer);
  const csrf = (html: string) => /name="csrf_token" value="([^"]+)"/.exec(html)?.[1] ?? "";
  const loginPage = await (await agent.get(interaction)).text();
  const afterLogin = await agent.post(`${interaction.href}/login`, {
    csrf_token: csrf(loginPage),
    username: alice.username,
    password: alice.password,
  });
  const next = new URL(afterLogin.headers.get("location") ?? "", asIssuer);
  if (!next.href.startsWith(interaction.href)) return next;
  const consentPage = await (await agent.get(next)).text();
  const afterConsent = await agent.post(`${interaction.href}/consent`, { csrf_token: csrf(consentPage), decision: "allow" });
  return new URL(afterConsent.headers.get("location") ?? "", asIssuer);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Starts the AS once more on the plain lab's database; resolves to its exit code and output (or fails if it serves). */
async function startAuthorizationServer(mode: {
  TEACHING_MODE: string;
  ATTACK_LAB: string;
}): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)],
    {
      cwd: path.join(root, "apps/authorization-server"),
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: "production",
        ISSUER: `http://localhost:${port}`,
        AUTH_DATABASE_URL: plainAuthDatabaseUrl(),
        MAIL_API_AUDIENCE: plain.mailApiUrl,
        ...mode,
      },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
  }
  const timer = setTimeout(() => {
    if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
  }, 60_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}

test("the AS refuses to START with a naive registration while teaching mode, or the attack lab, is off", async () => {
  test.setTimeout(150_000);
  const db = new pg.Client({
    connectionString: plainAuthDatabaseUrl(),
    connectionTimeoutMillis: 10_000,
    query_timeout: 10_000,
  });
  await db.connect();
  try {
    // The plain lab's AS started on this database (beforeAll); now a twin is slipped into it.
    await db.query(
      `INSERT INTO clients (client_id, name, secret_hash, token_endpoint_auth_method, redirect_uris, allowed_scopes, grant_types, redirect_uri_matching)
       VALUES ($1, $2, 'unused', 'client_secret_basic', $3, ARRAY['openid'], ARRAY['authorization_code'], 'prefix')`,
      [prefixTwin.client_id, NAIVE_CLIENTS.prefixRedirect.name, [`${plain.dashboardUrl}/attacks/naive/prefix`]],
    );
  } finally {
    await db.end();
  }
  for (const mode of [
    { TEACHING_MODE: "0", ATTACK_LAB: "0" },
    { TEACHING_MODE: "1", ATTACK_LAB: "0" },
  ]) {
    const { code, output } = await startAuthorizationServer(mode);
    expect(code, output).not.toBe(0);
    expect(code, output).not.toBeNull();
    expect(output).toContain(
      `authorization server: the attack lab is off (TEACHING_MODE=${mode.TEACHING_MODE}, ATTACK_LAB=0), but naive registrations (attack lab twins) are registered: ${prefixTwin.client_id}.`,
    );
  }
});
