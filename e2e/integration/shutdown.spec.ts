// Graceful shutdown (issue 11): an AS instance, started through its start script on the test stack's
// database (then a dashboard instance), gets SIGTERM (as a container's PID 1 does from `docker stop`) while a request is in flight.
// The request gets its normal answer, new connections are refused at once, and the process exits 0.
// A request that never ends does not hold the stop forever: past SHUTDOWN_TIMEOUT_MS the server is
// killed, and the start script says so with exit status 1.
import { expect, test } from "@playwright/test";
import { START_SCRIPTS } from "../../scripts/lib/stack.ts";
import { freePort, startInstance, waitForReady } from "../support/instances.ts";
import { authDatabaseUrl, basicAuth, client, dashboardInstanceEnv, mailApi } from "../support/lab.ts";
import { exitOf, expectCleanExit, expectForcedExit, expectRefusedSoon, slowRequest } from "../support/shutdown.ts";

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
    "shutdown-in-flight-1",
  );
}

/** The dashboard's access line for the request is there (its proxy logs on arrival): the route is running. */
async function inFlight(instance: Instance, requestId: string): Promise<void> {
  await expect.poll(() => instance.output().includes(`"request_id":"${requestId}"`), { timeout: 10_000 }).toBe(true);
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
    await expectRefusedSoon(`${url}/health/live`, instance);
    expect(instance.child.exitCode, "still finishing the request in flight").toBeNull();

    request.finish();
    const answer = await request.answer;
    expect(answer.status, `${answer.body}\n${instance.output()}`).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error: "invalid_grant" });
    // Its keep-alive connection is not kept: the client reconnects elsewhere.
    expect(answer.connection).toBe("close");

    // The logger's last lines were written out before the exit.
    await expectCleanExit(exited, signalled, instance, "SIGTERM: finishing the requests in flight, then exiting");
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
    await expectForcedExit(exited, signalled, instance, { afterMs: 1_400, beforeMs: 5_000, saying: "did not stop within 1500 ms" });
  } finally {
    await instance.stop();
  }
});

test("the dashboard too: SIGTERM lets the request in flight finish, refuses new connections, exits 0", async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const instance = startInstance(START_SCRIPTS.dashboard, dashboardInstanceEnv(port));
  try {
    await waitForReady(`${url}/api/health/ready`, instance);
    const exited = exitOf(instance.child);
    // next-auth's callback reads its body: a body that is not JSON under application/json is a 400 (issue 12).
    const request = slowRequest(
      `${url}/api/auth/callback/labmail`,
      { "content-type": "application/json" },
      "this is not json at all",
      "shutdown-in-flight-1",
    );
    await inFlight(instance, "shutdown-in-flight-1");
    const signalled = Date.now();
    process.kill(instance.child.pid ?? 0, "SIGTERM");
    await expectRefusedSoon(`${url}/api/health/live`, instance);
    expect(instance.child.exitCode, "still finishing the request in flight").toBeNull();

    request.finish();
    const answer = await request.answer;
    expect(answer.status, `${answer.body}\n${instance.output()}`).toBe(400);
    expect(answer.connection).toBe("close");
    await expectCleanExit(exited, signalled, instance, "SIGTERM: finishing the requests in flight, then exiting");
  } finally {
    await instance.stop();
  }
});
