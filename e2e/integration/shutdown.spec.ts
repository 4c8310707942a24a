// Graceful shutdown (issue 11): an AS instance, started through its start script on the test stack's
// database (then a dashboard instance), gets SIGTERM (as a container's PID 1 does from `docker stop`) while a request is in flight.
// The request gets its normal answer, new connections are refused at once, and the process exits 0.
// A request that never ends does not hold the stop forever: past SHUTDOWN_TIMEOUT_MS the server is
// killed, and the start script says so with exit status 1.
import type { ChildProcess } from "node:child_process";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { CLIENTS } from "../../scripts/lib/config.ts";
import { START_SCRIPTS } from "../../scripts/lib/stack.ts";
import { freePort, startInstance, waitForReady } from "../support/instances.ts";
import { authDatabaseUrl, basicAuth, client, issuer, lab, mailApi } from "../support/lab.ts";

test.describe.configure({ mode: "serial", timeout: 240_000 });

type Instance = ReturnType<typeof startInstance>;

async function startAuthorizationServer(extraEnv: Record<string, string> = {}): Promise<{ instance: Instance; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const instance = startInstance(START_SCRIPTS.as, {
    HOST: "127.0.0.1",
    PORT: String(port),
    ISSUER: `http://localhost:${port}`,
    AUTH_DATABASE_URL: authDatabaseUrl,
    MAIL_API_AUDIENCE: mailApi,
    // The stack's database holds the teaching registrations: the AS starts only in the same mode.
    TEACHING_MODE: "1",
    ATTACK_LAB: "1",
    ...extraEnv,
  });
  await waitForReady(`${url}/health/ready`, instance);
  return { instance, url };
}

/** A request whose body is only half sent: in flight until `finish()`. */
function slowRequest(target: string, headers: Record<string, string>, body: string) {
  const half = Math.floor(body.length / 2);
  // A keep-alive connection, as a load balancer's: it must be told to close once the server is stopping.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  // Expect: 100-continue: the server's "100 Continue" says it has read the headers, so the request is
  // in flight at the server (Node answers it as soon as it parsed them); only then is half the body sent.
  const request = http.request(target, {
    method: "POST",
    agent,
    headers: {
      ...headers,
      "content-length": String(Buffer.byteLength(body)),
      "x-request-id": "shutdown-in-flight-1",
      expect: "100-continue",
    },
  });
  const accepted = new Promise<void>((resolve) =>
    request.once("continue", () => {
      request.write(body.slice(0, half));
      resolve();
    }),
  );
  const answer = new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
    request.on("response", (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => {
        agent.destroy();
        resolve({ status: response.statusCode ?? 0, body: text, connection: response.headers.connection });
      });
    });
    request.on("error", reject);
  });
  request.flushHeaders();
  return { answer, accepted, finish: () => request.end(body.slice(half)) };
}

/** A token request (client authenticated, a code the AS never issued) whose body is only half sent. */
function slowTokenRequest(url: string) {
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    code: "not-a-code-this-server-issued",
    redirect_uri: client.redirect_uri,
    code_verifier: "v".repeat(43),
  }).toString();
  return slowRequest(
    `${url}/token`,
    { authorization: basicAuth(client.client_id, client.client_secret), "content-type": "application/x-www-form-urlencoded" },
    body,
  );
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })));
}

/** The dashboard's access line for the request is there (its proxy logs on arrival): the route is running. */
async function inFlight(instance: Instance, requestId: string): Promise<void> {
  await expect.poll(() => instance.output().includes(`"request_id":"${requestId}"`), { timeout: 10_000 }).toBe(true);
}

async function connectionRefused(url: string, path = "/health/live"): Promise<string> {
  try {
    const response = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(3_000) });
    return `answered ${response.status}`;
  } catch (error) {
    return ((error as Error).cause as { code?: string } | undefined)?.code ?? (error as Error).message;
  }
}

test("SIGTERM: the request in flight gets its normal answer, new connections are refused, the process exits 0", async () => {
  const { instance, url } = await startAuthorizationServer();
  try {
    const exited = exitOf(instance.child);
    const request = slowTokenRequest(url);
    await request.accepted;

    // To the start script only, as Docker signals a container's PID 1: it passes the signal on.
    const signalled = Date.now();
    process.kill(instance.child.pid ?? 0, "SIGTERM");
    await expect
      .poll(() => connectionRefused(url), { timeout: 5_000 })
      .toBe("ECONNREFUSED")
      .catch((error: unknown) => {
        throw new Error(`${(error as Error).message}\n${instance.output()}`);
      });
    expect(instance.child.exitCode, "still finishing the request in flight").toBeNull();

    request.finish();
    const answer = await request.answer;
    expect(answer.status, `${answer.body}\n${instance.output()}`).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error: "invalid_grant" });
    // Its keep-alive connection is not kept: the client reconnects elsewhere.
    expect(answer.connection).toBe("close");

    const { code, signal, at } = await exited;
    expect({ code, signal }, instance.output()).toEqual({ code: 0, signal: null });
    expect(at - signalled).toBeLessThan(8_000);
    // The logger's last lines were written out before the exit.
    expect(instance.output()).toContain("SIGTERM: finishing the requests in flight, then exiting");
  } finally {
    await instance.stop();
  }
});

test("SIGTERM with a request that never ends: killed after SHUTDOWN_TIMEOUT_MS, exit status 1", async () => {
  const { instance, url } = await startAuthorizationServer({ SHUTDOWN_TIMEOUT_MS: "1500" });
  try {
    const exited = exitOf(instance.child);
    const request = slowTokenRequest(url);
    request.answer.catch(() => undefined); // the connection dies with the server
    await request.accepted;
    const signalled = Date.now();
    process.kill(instance.child.pid ?? 0, "SIGTERM");
    const { code, at } = await exited;
    expect(code, instance.output()).toBe(1);
    expect(at - signalled).toBeGreaterThanOrEqual(1_400);
    expect(at - signalled).toBeLessThan(5_000);
    expect(instance.output()).toContain("did not stop within 1500 ms");
  } finally {
    await instance.stop();
  }
});

test("the dashboard too: SIGTERM lets the request in flight finish, refuses new connections, exits 0", async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const instance = startInstance(START_SCRIPTS.dashboard, {
    HOST: "127.0.0.1",
    PORT: String(port),
    NEXTAUTH_URL: lab.dashboardUrl,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "",
    ISSUER: issuer,
    OAUTH_CLIENT_ID: client.client_id,
    OAUTH_CLIENT_SECRET: client.client_secret,
    PUBLIC_CLIENT_ID: CLIENTS.spa.client_id,
    MAIL_API_URL: mailApi,
  });
  try {
    await waitForReady(`${url}/api/health/ready`, instance);
    const exited = exitOf(instance.child);
    // next-auth's callback reads its body: a body that is not JSON under application/json is a 400 (issue 12).
    const request = slowRequest(`${url}/api/auth/callback/labmail`, { "content-type": "application/json" }, "this is not json at all");
    await inFlight(instance, "shutdown-in-flight-1");
    const signalled = Date.now();
    process.kill(instance.child.pid ?? 0, "SIGTERM");
    await expect.poll(() => connectionRefused(url, "/api/health/live"), { timeout: 5_000 }).toBe("ECONNREFUSED");
    expect(instance.child.exitCode, "still finishing the request in flight").toBeNull();

    request.finish();
    const answer = await request.answer;
    expect(answer.status, `${answer.body}\n${instance.output()}`).toBe(400);
    expect(answer.connection).toBe("close");
    const { code, signal, at } = await exited;
    expect({ code, signal }, instance.output()).toEqual({ code: 0, signal: null });
    expect(at - signalled).toBeLessThan(8_000);
    expect(instance.output()).toContain("SIGTERM: finishing the requests in flight, then exiting");
  } finally {
    await instance.stop();
  }
});
