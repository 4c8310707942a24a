// Several instances of each service, as in production (issue 11, "Several instances"): two authorization
// servers and two mail APIs behind HAProxy with deploy/haproxy.cfg (docker-compose.yml's file; only the
// addresses differ, through the environment), each instance on the test stack's databases through a
// relay the test can cut. HAProxy's log (option httplog) says which instance served each request;
// requests sent to one instance on purpose go to its own port.

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { root, START_SCRIPTS } from "../../scripts/lib/stack.ts";
import { databaseRelay, freePort, killInstance, startHaproxy, startInstance, waitForReady } from "../support/instances.ts";
import {
  alice,
  authDatabaseUrl,
  authorizationRequest,
  basicAuth,
  client,
  form,
  lab,
  mailApi,
  mailApiClient,
  ScriptedUserAgent,
} from "../support/lab.ts";

/** The mail database: the embedded one, or the PostgreSQL pass's (as authDatabaseUrl in lab.ts). */
const mailDatabaseUrl =
  process.env.AUTH_DATABASE_URL && process.env.MAIL_DATABASE_URL
    ? process.env.MAIL_DATABASE_URL
    : `postgresql://postgres:postgres@${lab.db.host}:${lab.db.mailPort}/postgres`;

type Multi = Awaited<ReturnType<typeof startMultiInstanceLab>>;
let multi: Multi | undefined;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  multi = await startMultiInstanceLab();
});

test.afterAll(async () => {
  await multi?.stop();
});

async function startMultiInstanceLab() {
  const [lbPort, lbMailPort, lbDashboardPort, as1, as2, mail1, mail2] = await Promise.all(Array.from({ length: 7 }, () => freePort()));
  const issuer = `http://localhost:${lbPort}`;
  const mailLb = `http://127.0.0.1:${lbMailPort}`;
  const authRelays = [await databaseRelay(authDatabaseUrl), await databaseRelay(authDatabaseUrl)] as const;
  const mailRelays = [await databaseRelay(mailDatabaseUrl), await databaseRelay(mailDatabaseUrl)] as const;
  const asPorts = [as1, as2] as const;
  const mailPorts = [mail1, mail2] as const;
  const authServers = asPorts.map((port, i) =>
    startInstance(START_SCRIPTS.as, {
      HOST: "127.0.0.1",
      PORT: String(port),
      ISSUER: issuer,
      AUTH_DATABASE_URL: authRelays[i]?.url ?? "",
      MAIL_API_AUDIENCE: mailApi,
      // The stack's database holds the teaching registrations: the AS starts only in the same mode.
      TEACHING_MODE: "1",
      ATTACK_LAB: "1",
    }),
  );
  const mailApis = mailPorts.map((port, i) =>
    startInstance(START_SCRIPTS.mail, {
      HOST: "127.0.0.1",
      PORT: String(port),
      // Both verify tokens against the balanced AS: its metadata, JWK Set and introspection.
      ISSUER: issuer,
      // The resource's identifier, the same for every instance: the `aud` the AS puts in its tokens.
      MAIL_API_AUDIENCE: mailApi,
      MAIL_DATABASE_URL: mailRelays[i]?.url ?? "",
      MAIL_API_CLIENT_ID: mailApiClient.client_id,
      MAIL_API_CLIENT_SECRET: mailApiClient.client_secret,
      TEACHING_MODE: "1",
      ATTACK_LAB: "1",
    }),
  );
  const haproxy = startHaproxy({
    AS_BIND: `127.0.0.1:${lbPort}`,
    MAIL_API_BIND: `127.0.0.1:${lbMailPort}`,
    DASHBOARD_BIND: `127.0.0.1:${lbDashboardPort}`,
    AS_1: `127.0.0.1:${as1}`,
    AS_2: `127.0.0.1:${as2}`,
    MAIL_API_1: `127.0.0.1:${mail1}`,
    MAIL_API_2: `127.0.0.1:${mail2}`,
    DASHBOARD_1: new URL(lab.dashboardUrl).host,
  });
  const stop = async () => {
    await haproxy.stop();
    await Promise.all([...authServers, ...mailApis].map((instance) => instance.stop()));
    await Promise.all([...authRelays, ...mailRelays].map((relay) => relay.close()));
  };
  try {
    await Promise.all([
      ...asPorts.map((port, i) => waitForReady(`http://127.0.0.1:${port}/health/ready`, pick(authServers, i))),
      ...mailPorts.map((port, i) => waitForReady(`http://127.0.0.1:${port}/health/ready`, pick(mailApis, i))),
    ]);
    // HAProxy's checks may have taken an instance out while it started: wait until none is DOWN any more.
    await expect
      .poll(
        () =>
          ["as1", "as2", "mail1", "mail2"].filter(
            (s) => [...haproxy.log().matchAll(new RegExp(`/${s} is (UP|DOWN)`, "g"))].at(-1)?.[1] === "DOWN",
          ),
        {
          timeout: 20_000,
        },
      )
      .toEqual([]);
    await expect.poll(async () => (await fetch(`${issuer}/jwks`).catch(() => undefined))?.status, { timeout: 20_000 }).toBe(200);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    issuer,
    mailLb,
    as: asPorts.map((port) => `http://127.0.0.1:${port}`),
    mail: mailPorts.map((port) => `http://127.0.0.1:${port}`),
    authServers,
    mailApis,
    authRelays,
    mailRelays,
    haproxy,
    stop,
  };
}

function pick<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new Error(`no item ${i}`);
  return item;
}

function the(): Multi {
  if (!multi) throw new Error("the multi-instance lab did not start");
  return multi;
}

type Tokens = { access_token: string; refresh_token: string; id_token?: string };

// Alice signs in once (the AS's session is in the database, so every instance knows it); each flow
// runs in a tab of that browser. Signing in for every flow would trip the login throttle (5 attempts).
let signedIn: ScriptedUserAgent | undefined;

/** Authorization code flow through the load balancer: /authorize (login and consent if asked), then /token at `tokenAt`. */
async function flow(tokenAt: string = the().issuer): Promise<Tokens> {
  const request = authorizationRequest();
  // The first flow signs in (sequentially: every test starts with one); the next ones reuse its cookies.
  const agent = signedIn ? signedIn.fork() : (signedIn = new ScriptedUserAgent());
  const callback = await agent.authorize(request.query, alice, "allow", the().issuer);
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`no code in ${callback.href}`);
  const response = await token(tokenAt, {
    grant_type: "authorization_code",
    code,
    redirect_uri: client.redirect_uri,
    code_verifier: request.pkce.code_verifier,
  });
  if (response.status !== 200) throw new Error(`token request: ${response.status} ${await response.text()}`);
  return (await response.json()) as Tokens;
}

function token(at: string, params: Record<string, string>): Promise<Response> {
  const request = form(params);
  return fetch(`${at}/token`, {
    method: "POST",
    headers: { ...request.headers, authorization: basicAuth(client.client_id, client.client_secret) },
    body: request.body,
    signal: AbortSignal.timeout(30_000),
  });
}

const refresh = (at: string, refresh_token: string) => token(at, { grant_type: "refresh_token", refresh_token });

function messages(at: string, accessToken: string): Promise<Response> {
  return fetch(`${at}/v1/messages?folder=inbox`, {
    headers: { authorization: `Bearer ${accessToken}` },
    signal: AbortSignal.timeout(30_000),
  });
}

const kidOf = (jwt: string): unknown => JSON.parse(Buffer.from(jwt.split(".")[0] ?? "", "base64url").toString()).kid;

/** The log lines HAProxy has written for requests sent from now on (it logs each once answered). */
function servedSince() {
  const mark = the().haproxy.served().length;
  return () => the().haproxy.served().slice(mark);
}

test("mail API requests through the load balancer alternate between both mail API instances", async () => {
  const { access_token } = await flow();
  const since = servedSince();
  for (let i = 0; i < 4; i++) {
    const response = await messages(the().mailLb, access_token);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(Array.isArray(((await response.json()) as { messages?: unknown }).messages)).toBe(true);
  }
  await expect.poll(() => since().filter((r) => r.backend === "mail_api").length, { timeout: 5000 }).toBe(4);
  expect(
    since()
      .filter((r) => r.backend === "mail_api")
      .map((r) => r.server)
      .sort(),
  ).toEqual(["mail1", "mail1", "mail2", "mail2"]);
});

test("a refresh token rotated at one AS instance and replayed at the other ends the whole grant, at both", async () => {
  const [as1, as2] = the().as as [string, string];
  const first = await flow();
  const rotated = await refresh(as1, first.refresh_token);
  expect(rotated.status, await rotated.clone().text()).toBe(200);
  const second = (await rotated.json()) as Tokens;
  expect(second.refresh_token).not.toBe(first.refresh_token);

  // RFC 9700 §4.14.2: the old refresh token again, at the other instance: a reuse.
  const replay = await refresh(as2, first.refresh_token);
  expect(replay.status).toBe(400);
  expect(await replay.json()).toMatchObject({ error: "invalid_grant" });

  // The whole grant is revoked: the new refresh token fails at either instance, its access token is inactive.
  for (const at of [as1, as2]) {
    const response = await refresh(at, second.refresh_token);
    expect(response.status, at).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_grant" });
    const introspection = await fetch(`${at}/introspect`, {
      method: "POST",
      headers: { ...form({}).headers, authorization: basicAuth(mailApiClient.client_id, mailApiClient.client_secret) },
      body: form({ token: second.access_token }).body,
    });
    expect(introspection.status).toBe(200);
    expect(await introspection.json()).toMatchObject({ active: false });
  }
});

test("a signing key rotated once is used by both AS instances and accepted by both mail API instances", async () => {
  test.setTimeout(90_000);
  const { as, mail } = the();
  let tokens = await flow();
  // Both mail API instances have fetched the JWK Set (without the coming key) and verified a token.
  for (const at of mail) expect((await messages(at, tokens.access_token)).status).toBe(200);
  const oldKid = kidOf(tokens.access_token);

  const rotation = await runRotateSigningKey();
  const newKid = /New signing key: (\S+)/.exec(rotation)?.[1];
  expect(newKid, rotation).toBeTruthy();
  expect(newKid).not.toBe(oldKid);

  // Each AS instance re-reads its signing key within KEY_CACHE_SECONDS (5 s): tokens it signs carry the new kid.
  const signedAt: Record<string, Tokens> = {};
  for (const at of as) {
    await expect
      .poll(
        async () => {
          const response = await refresh(at, tokens.refresh_token);
          expect(response.status, await response.clone().text()).toBe(200);
          tokens = (await response.json()) as Tokens;
          return kidOf(tokens.access_token);
        },
        { timeout: 15_000, intervals: [1000] },
      )
      .toBe(newKid);
    signedAt[at] = tokens;
  }
  // Both AS instances and both mail API instances accept tokens signed with the new key, whoever signed them.
  for (const signed of Object.values(signedAt)) {
    for (const at of as) {
      const userinfo = await fetch(`${at}/userinfo`, { headers: { authorization: `Bearer ${signed.access_token}` } });
      expect(userinfo.status, `${at}/userinfo`).toBe(200);
    }
    for (const at of mail) {
      const response = await messages(at, signed.access_token);
      expect(response.status, `${at}: ${await response.clone().text()}`).toBe(200);
    }
  }

  // The refetch on an unknown kid is bounded: a burst of tokens naming made-up kids costs at most one
  // or two JWK Set fetches (jose's cooldown), not one per request.
  await new Promise((resolve) => setTimeout(resolve, 2500)); // past the cooldown of the fetch above
  const since = servedSince();
  const burst = await Promise.all(
    Array.from({ length: 10 }, async () => {
      const header = Buffer.from(JSON.stringify({ alg: "ES256", typ: "at+jwt", kid: randomBytes(8).toString("hex") })).toString(
        "base64url",
      );
      const forged = `${header}.${Buffer.from("{}").toString("base64url")}.${randomBytes(64).toString("base64url")}`;
      return (await messages(pick(mail, 0), forged)).status;
    }),
  );
  expect(burst).toEqual(Array(10).fill(401));
  await new Promise((resolve) => setTimeout(resolve, 1000)); // HAProxy logs a request once answered
  const jwksFetches = since().filter((r) => r.backend === "authorization_server" && r.path === "/jwks").length;
  expect(jwksFetches).toBeGreaterThanOrEqual(1);
  expect(jwksFetches).toBeLessThanOrEqual(2);
});

async function runRotateSigningKey(): Promise<string> {
  const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/rotate-signing-key.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", AUTH_DATABASE_URL: authDatabaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(code, output).toBe(0);
  return output;
}

/** A request during an outage: its status, body and how long it took. */
async function timed(request: () => Promise<Response>) {
  const started = Date.now();
  const response = await request();
  const text = await response.text();
  return { status: response.status, text, body: safeJson(text), ms: Date.now() - started };
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

test("while the databases are unreachable every instance answers a quick JSON 503; afterwards they reconnect and flows work", async () => {
  test.setTimeout(150_000);
  const { as, mail, authRelays, mailRelays, haproxy, issuer, mailLb } = the();
  const tokens = await flow();
  for (const at of mail) expect((await messages(at, tokens.access_token)).status).toBe(200);
  const mark = haproxy.log().length;

  // Both databases "restart": open connections dropped, new ones held unanswered (scripts cannot stop
  // the machine's PostgreSQL: other suites use it, so the relay stands in for it in both passes).
  for (const relay of [...authRelays, ...mailRelays]) relay.cut();
  try {
    for (const at of as) {
      const answer = await timed(() => refresh(at, tokens.refresh_token));
      expect(answer.status, `${at}/token: ${answer.text}`).toBe(503);
      expect(answer.body).toMatchObject({ error: "temporarily_unavailable" });
      expect(answer.text).not.toMatch(/\bat \S+ \(|prisma|ECONN/i);
      expect(answer.ms).toBeLessThan(10_000);
    }
    for (const at of mail) {
      const answer = await timed(() => messages(at, tokens.access_token));
      expect(answer.status, `${at}/v1/messages: ${answer.text}`).toBe(503);
      expect(answer.body).toMatchObject({ error: "temporarily_unavailable" });
      expect(answer.text).not.toMatch(/\bat \S+ \(|prisma|ECONN/i);
      expect(answer.ms).toBeLessThan(10_000);
    }
    // Every instance fails its readiness check: HAProxy answers for them, with a JSON 503 too.
    await expect
      .poll(() => ["as1", "as2", "mail1", "mail2"].filter((s) => new RegExp(`/${s} is DOWN`).test(haproxy.log().slice(mark))).length, {
        timeout: 30_000,
      })
      .toBe(4);
    for (const answer of [
      await timed(() => refresh(issuer, tokens.refresh_token)),
      await timed(() => messages(mailLb, tokens.access_token)),
    ]) {
      expect(answer.status, answer.text).toBe(503);
      expect(answer.body).toMatchObject({ error: "temporarily_unavailable" });
    }
  } finally {
    for (const relay of [...authRelays, ...mailRelays]) relay.restore();
  }
  await expect
    .poll(() => ["as1", "as2", "mail1", "mail2"].filter((s) => new RegExp(`/${s} is UP`).test(haproxy.log().slice(mark))).length, {
      timeout: 60_000,
    })
    .toBe(4);
  // Reconnected: the refresh token kept during the outage still works, a new flow too, at both mail APIs.
  const refreshed = await refresh(issuer, tokens.refresh_token);
  expect(refreshed.status, await refreshed.clone().text()).toBe(200);
  const after = await flow();
  for (const at of mail) expect((await messages(at, after.access_token)).status).toBe(200);
});

test("an AS instance killed (SIGKILL) during 20 concurrent flows: they complete through the other, no grant half-written", async () => {
  test.setTimeout(180_000);
  const { authServers } = the();
  await flow(); // signed in before the rush
  const startedAt = new Date(Date.now() - 1000);
  const since = servedSince();
  let restarts = 0;
  // HAProxy retries a request whose connection could not be made (retries 1, option redispatch); a
  // request that was cut after it reached the dying instance is not retried by HAProxy (it may not be
  // idempotent): the client restarts its flow from the start, once, after a 2 s back-off (by then
  // HAProxy's check is about to take the dead instance out).
  const flows = Array.from({ length: 20 }, async () => {
    try {
      return await flow();
    } catch {
      restarts++;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      return flow();
    }
  });
  await expect.poll(() => since().filter((r) => r.server === "as1").length, { timeout: 30_000, intervals: [20] }).toBeGreaterThanOrEqual(3);
  await killInstance(pick(authServers, 0));
  const atKill = since().length;
  const results = await Promise.allSettled(flows);
  const failed = results
    .filter((r) => r.status === "rejected")
    .map((r) => {
      const reason = (r as PromiseRejectedResult).reason as Error;
      return `${String(reason).slice(0, 300)} (${String(reason.cause)})`;
    });
  expect(
    failed,
    `${failed.join("\n")}\nhaproxy (${the().haproxy.child.exitCode} ${the().haproxy.child.signalCode}):\n${the().haproxy.log().slice(-3000)}`,
  ).toEqual([]);
  test.info().annotations.push({ type: "restarted flows", description: String(restarts) });
  const completed = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  expect(completed).toHaveLength(20);
  // The kill came mid-way: flows went on after it, through as2 (HAProxy also logs as1's cut requests then).
  expect(
    since()
      .slice(atKill)
      .some((r) => r.server === "as2"),
  ).toBe(true);

  // No grant half-written: a grant is created with its code (one statement), and a code is consumed in
  // the transaction that records the tokens, so a crash leaves all of it or none.
  const db = new pg.Client({ connectionString: authDatabaseUrl, connectionTimeoutMillis: 10_000 });
  await db.connect();
  try {
    const withoutCode = await db.query(
      `SELECT g.id FROM grants g WHERE g.created_at >= $1 AND NOT EXISTS (SELECT 1 FROM authorization_codes c WHERE c.grant_id = g.id)`,
      [startedAt],
    );
    expect(withoutCode.rows).toEqual([]);
    const consumedWithoutTokens = await db.query(
      `SELECT c.grant_id FROM authorization_codes c JOIN grants g ON g.id = c.grant_id
        WHERE g.created_at >= $1 AND c.consumed_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM access_tokens a WHERE a.grant_id = c.grant_id)`,
      [startedAt],
    );
    expect(consumedWithoutTokens.rows).toEqual([]);
    const grants = await db.query(`SELECT count(*)::int AS n FROM grants WHERE created_at >= $1`, [startedAt]);
    expect(grants.rows[0]?.n).toBeGreaterThanOrEqual(20);
    // Every flow's tokens are recorded: its access token's jti, with a refresh token of the same grant.
    const jtis = completed.map((t) => JSON.parse(Buffer.from(t.access_token.split(".")[1] ?? "", "base64url").toString()).jti as string);
    const recorded = await db.query(
      `SELECT a.jti FROM access_tokens a WHERE a.jti = ANY($1) AND EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.grant_id = a.grant_id)`,
      [jtis],
    );
    expect(recorded.rows).toHaveLength(20);
  } finally {
    await db.end();
  }
});
