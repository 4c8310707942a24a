// Graceful shutdown of the mail API (issue 11): an instance started through its start script on the test
// stack's mail database gets SIGTERM (to the start script, as Docker signals a container's PID 1) while a
// POST /v1/messages is in flight, its body only half sent. The request gets its normal answer (201, the
// message stored), new connections are refused at once, the log is written out, and the process exits 0.
// A request that never ends is cut once the grace period is over: exit status 1, said in the log.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { START_SCRIPTS } from "../../scripts/lib/stack.ts";
import { freePort, startInstance, waitForReady } from "../support/instances.ts";
import { alice, bob, issuer, lab, mailApi, mailApiClient, obtainTokens } from "../support/lab.ts";
import { exitOf, expectCleanExit, expectForcedExit, expectRefusedSoon, slowRequest } from "../support/shutdown.ts";

test.describe.configure({ mode: "serial", timeout: 240_000 });

/** The mail database: the embedded one, or the PostgreSQL pass's (as in multi-instance.spec.ts). */
const mailDatabaseUrl =
  process.env.AUTH_DATABASE_URL && process.env.MAIL_DATABASE_URL
    ? process.env.MAIL_DATABASE_URL
    : `postgresql://postgres:postgres@${lab.db.host}:${lab.db.mailPort}/postgres`;

type Instance = ReturnType<typeof startInstance>;

async function startMailApi(extraEnv: Record<string, string> = {}): Promise<{ instance: Instance; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const instance = startInstance(START_SCRIPTS.mail, {
    HOST: "127.0.0.1",
    PORT: String(port),
    ISSUER: issuer,
    // The stack's resource identifier: the `aud` of the tokens the AS issues for the mail API.
    MAIL_API_AUDIENCE: mailApi,
    MAIL_DATABASE_URL: mailDatabaseUrl,
    MAIL_API_CLIENT_ID: mailApiClient.client_id,
    MAIL_API_CLIENT_SECRET: mailApiClient.client_secret,
    ...extraEnv,
  });
  await waitForReady(`${url}/health/ready`, instance);
  return { instance, url };
}

/** POST /v1/messages, provably in flight once `accepted` resolves, half its body sent (support/shutdown.ts). */
function slowSend(url: string, token: string, requestId: string, draft: { to: string; subject: string; body: string }) {
  return slowRequest(
    `${url}/v1/messages`,
    { authorization: `Bearer ${token}`, "content-type": "application/json" },
    JSON.stringify(draft),
    requestId,
  );
}

type LogLine = {
  service?: string;
  request_id?: string;
  msg?: string;
  method?: string;
  path?: string;
  status?: number;
  duration_ms?: number;
};

/** The instance's JSON log lines (its start script's and Prisma's own output are not JSON). */
function logLines(instance: Instance): LogLine[] {
  return instance
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{") && line.endsWith("}"))
    .map((line) => JSON.parse(line) as LogLine);
}

let token: string;

test.beforeAll(async () => {
  token = (await obtainTokens("openid mail.read mail.send", alice)).access_token;
});

test("SIGTERM: the POST in flight gets its normal answer, new connections are refused, the log is written, exit 0", async () => {
  const { instance, url } = await startMailApi();
  try {
    const exited = exitOf(instance.child);
    // The request id the caller sends comes back (the dashboard sends one on each call).
    const warm = await fetch(`${url}/v1/messages?limit=1`, {
      headers: { authorization: `Bearer ${token}`, "x-request-id": "mail-shutdown-warm-1" },
    });
    expect(warm.status).toBe(200);
    expect(warm.headers.get("x-request-id")).toBe("mail-shutdown-warm-1");

    const subject = `Sent while stopping ${randomBytes(4).toString("hex")}`;
    const send = slowSend(url, token, "mail-shutdown-in-flight-1", { to: bob.email, subject, body: "Still delivered." });
    await send.accepted;

    const signalled = Date.now();
    process.kill(instance.child.pid ?? 0, "SIGTERM");
    await expectRefusedSoon(`${url}/health/live`, instance);
    expect(instance.child.exitCode, "still finishing the request in flight").toBeNull();

    send.finish();
    const answer = await send.answer;
    expect(answer.status, answer.body).toBe(201);
    expect(answer.requestId).toBe("mail-shutdown-in-flight-1");
    expect(JSON.parse(answer.body)).toMatchObject({ folder: "sent", subject, to: bob.email });

    await expectCleanExit(exited, signalled, instance);

    // Stored for real: the stack's own mail API finds it in Alice's sent folder.
    const sent = await fetch(`${mailApi}/v1/messages?folder=sent&q=${encodeURIComponent(subject)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await sent.json()) as { messages: { subject: string }[] }).messages.map((m) => m.subject)).toEqual([subject]);

    // The log, written out before the exit: one JSON line per request with its id, never the token.
    const lines = logLines(instance);
    expect(lines.find((l) => l.request_id === "mail-shutdown-warm-1")).toMatchObject({
      service: "mail-api",
      msg: "request",
      method: "GET",
      path: "/v1/messages",
      status: 200,
    });
    expect(lines.find((l) => l.request_id === "mail-shutdown-in-flight-1")).toMatchObject({
      method: "POST",
      path: "/v1/messages",
      status: 201,
    });
    expect(lines.map((l) => l.msg)).toContain("stopped");
    expect(instance.output()).not.toContain(token);
    expect(instance.output()).not.toContain("limit=1");
  } finally {
    await instance.stop();
  }
});

test("SIGTERM with a request that never ends: cut after the grace period (SHUTDOWN_TIMEOUT_MS less 1 s), exit status 1", async () => {
  const { instance, url } = await startMailApi({ SHUTDOWN_TIMEOUT_MS: "3000" });
  try {
    const exited = exitOf(instance.child);
    const send = slowSend(url, token, "mail-shutdown-never-ends", { to: bob.email, subject: "Never finished", body: "…" });
    send.answer.catch(() => undefined); // the connection is cut
    await send.accepted;
    const signalled = Date.now();
    process.kill(instance.child.pid ?? 0, "SIGTERM");
    // The server cut the request itself (before the start script's own bound), and said so.
    await expectForcedExit(exited, signalled, instance, {
      afterMs: 1_900,
      beforeMs: 3_000,
      saying: '"msg":"shutting down: requests still in flight were cut"',
    });
  } finally {
    await instance.stop();
  }
});
