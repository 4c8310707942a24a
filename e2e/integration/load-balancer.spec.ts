// Two authorization server instances behind HAProxy (Debian's haproxy package), with the very
// configuration docker-compose.yml uses (deploy/haproxy.cfg; only the addresses differ, through the
// environment). Both instances run their start script on the test stack's database, each through a
// relay the test can cut. HAProxy's own log (option httplog) says which instance served each request.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { root, START_SCRIPTS } from "../../scripts/lib/stack.ts";
import { databaseRelay, freePort, startInstance } from "../support/instances.ts";
import { authDatabaseUrl, authorizationRequest, basicAuth, client, form, lab, mailApi, ScriptedUserAgent } from "../support/lab.ts";

const haproxyBinary = "/usr/sbin/haproxy";

type Lab = Awaited<ReturnType<typeof startBalancedLab>>;
let balanced: Lab | undefined;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  expect(existsSync(haproxyBinary), "HAProxy is not installed (Debian: apt-get install haproxy)").toBe(true);
  balanced = await startBalancedLab();
});

test.afterAll(async () => {
  await balanced?.stop();
});

async function startBalancedLab() {
  const [lbPort, lbMailPort, lbDashboardPort, port1, port2] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const issuer = `http://localhost:${lbPort}`;
  const relays = [await databaseRelay(authDatabaseUrl), await databaseRelay(authDatabaseUrl)] as const;
  const instances = [port1, port2].map((port, i) =>
    startInstance(START_SCRIPTS.as, {
      HOST: "127.0.0.1",
      PORT: String(port),
      ISSUER: issuer,
      AUTH_DATABASE_URL: relays[i]?.url ?? "",
      MAIL_API_AUDIENCE: mailApi,
      // The stack's database holds the teaching registrations: the AS starts only in the same mode.
      TEACHING_MODE: "1",
      ATTACK_LAB: "1",
    }),
  );
  let log = "";
  const haproxy: ChildProcess = spawn(haproxyBinary, ["-db", "-f", path.join(root, "deploy/haproxy.cfg")], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      AS_BIND: `127.0.0.1:${lbPort}`,
      MAIL_API_BIND: `127.0.0.1:${lbMailPort}`,
      DASHBOARD_BIND: `127.0.0.1:${lbDashboardPort}`,
      AS_1: `127.0.0.1:${port1}`,
      AS_2: `127.0.0.1:${port2}`,
      // The mail API and the dashboard frontends are not under test here: both point at the stack's.
      MAIL_API_1: new URL(mailApi).host,
      MAIL_API_2: new URL(mailApi).host,
      DASHBOARD_1: new URL(lab.dashboardUrl).host,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [haproxy.stdout, haproxy.stderr]) stream?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const stop = async () => {
    haproxy.kill("SIGTERM");
    await Promise.all(instances.map((instance) => instance.stop()));
    await Promise.all(relays.map((relay) => relay.close()));
  };
  try {
    // Both instances ready (their own port), then HAProxy's checks have seen them both UP.
    for (const [i, port] of [port1, port2].entries()) {
      await expect
        .poll(
          async () => {
            const instance = instances[i];
            if (instance?.child.exitCode !== null) throw new Error(`AS instance ${i + 1} exited:\n${instance?.output()}`);
            return (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.status;
          },
          { timeout: 150_000, intervals: [500] },
        )
        .toBe(200);
    }
    await expect.poll(async () => (await fetch(`${issuer}/jwks`).catch(() => undefined))?.status, { timeout: 20_000 }).toBe(200);
  } catch (error) {
    await stop();
    throw error;
  }
  /** The instance (as1 or as2) HAProxy sent each request to, from its log: `<server> <METHOD> <path>`. */
  const served = () =>
    [...log.matchAll(/authorization_server\/(as[12]) .*?"(GET|POST) (\S+)/g)].map((m) => ({
      server: m[1],
      method: m[2],
      path: m[3] ?? "",
    }));
  // HAProxy takes an instance into rotation only once its readiness checks passed ("rise" in haproxy.cfg):
  // wait until both instances have served a request, or the first flows may all go to one.
  try {
    await expect
      .poll(
        async () => {
          await fetch(`${issuer}/jwks`).catch(() => undefined);
          return new Set(served().map((r) => r.server)).size;
        },
        { timeout: 30_000, intervals: [250] },
      )
      .toBe(2);
  } catch (error) {
    await stop();
    throw error;
  }
  return { issuer, relays, instances, stop, served, log: () => log };
}

function lab_(): Lab {
  if (!balanced) throw new Error("the balanced lab did not start");
  return balanced;
}

/**
 * The dashboard's flow through the load balancer. Returns which instance issued the code (the one that
 * answered the flow's last request before the token request: its redirect carried the code) and which
 * redeemed it.
 */
async function flowThroughBalancer() {
  const { issuer, served } = lab_();
  const tokensBefore = served().filter((r) => r.path === "/token").length;
  const request = authorizationRequest();
  const callback = await new ScriptedUserAgent().authorize(request.query, undefined, "allow", issuer);
  const code = callback.searchParams.get("code");
  expect(code, callback.href).toBeTruthy();
  const token = await fetch(`${issuer}/token`, {
    method: "POST",
    headers: { ...form({}).headers, authorization: basicAuth(client.client_id, client.client_secret) },
    body: form({
      grant_type: "authorization_code",
      code: code ?? "",
      redirect_uri: client.redirect_uri,
      code_verifier: request.pkce.code_verifier,
    }).body,
  });
  // HAProxy logs a request once its answer went out: wait for this token request's line.
  await expect.poll(() => served().filter((r) => r.path === "/token").length, { timeout: 5000 }).toBe(tokensBefore + 1);
  const lines = served();
  const redeemed = lines.findLastIndex((r) => r.path === "/token");
  return {
    status: token.status,
    body: (await token.json()) as Record<string, unknown>,
    issuedBy: lines[redeemed - 1]?.server,
    redeemedAt: lines[redeemed]?.server,
  };
}

test("flows through the load balancer alternate between both instances; a code issued by one is redeemed at the other", async () => {
  const warmUp = lab_().served().length;
  const flows = [];
  for (let i = 0; i < 4; i++) flows.push(await flowThroughBalancer());
  for (const flow of flows) {
    expect(flow.status, JSON.stringify(flow.body)).toBe(200);
    expect(flow.body.access_token).toBeTruthy();
  }
  const servers = new Set(
    lab_()
      .served()
      .slice(warmUp)
      .map((r) => r.server),
  );
  expect([...servers].sort()).toEqual(["as1", "as2"]);
  expect(
    flows.some((f) => f.issuedBy !== undefined && f.redeemedAt !== undefined && f.issuedBy !== f.redeemedAt),
    JSON.stringify(flows.map((f) => [f.issuedBy, f.redeemedAt])),
  ).toBe(true);
});

test("an instance whose database is cut is taken out by the readiness check; flows go on through the other, and it comes back", async () => {
  test.setTimeout(120_000);
  const { relays, log } = lab_();
  // Only what HAProxy says from now on (at startup it may have seen an instance come up late).
  const mark = log().length;
  relays[0].cut();
  await expect.poll(() => /authorization_server\/as1 is DOWN/.test(log().slice(mark)), { timeout: 20_000 }).toBe(true);
  const before = lab_().served().length;
  for (let i = 0; i < 3; i++) {
    const flow = await flowThroughBalancer();
    expect(flow.status, JSON.stringify(flow.body)).toBe(200);
  }
  // Everything since as1 went down was served by as2.
  expect(
    new Set(
      lab_()
        .served()
        .slice(before)
        .map((r) => r.server),
    ),
  ).toEqual(new Set(["as2"]));
  relays[0].restore();
  await expect.poll(() => /authorization_server\/as1 is UP/.test(log().slice(mark)), { timeout: 30_000 }).toBe(true);
  expect((await flowThroughBalancer()).status).toBe(200);
});
