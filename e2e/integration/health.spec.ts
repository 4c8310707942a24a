// Liveness and readiness of the three apps, as the load balancer (deploy/haproxy.cfg) and the compose
// health checks ask them. Readiness includes the database: with its database cut off, an instance says
// "not ready" within the timeout (a 503 with a JSON body, never a hang or a stack trace), stays live, and
// is ready again once the database is back. Those instances are started through the same start scripts
// (scripts/start/*.mjs) as the stack and the compose services, on the run's databases behind a TCP relay
// that the test can cut.
import { expect, test } from "@playwright/test";
import { START_SCRIPTS } from "../../scripts/lib/stack.ts";
import { databaseRelay, freePort, startInstance } from "../support/instances.ts";
import { authDatabaseUrl, lab, mailApi } from "../support/lab.ts";

const mailDatabaseUrl =
  process.env.AUTH_DATABASE_URL && process.env.MAIL_DATABASE_URL
    ? process.env.MAIL_DATABASE_URL
    : `postgresql://postgres:postgres@${lab.db.host}:${lab.db.mailPort}/postgres`;

test("the three apps of the test stack are live and ready; the mail API's /health still answers", async () => {
  for (const [base, prefix] of [
    [lab.issuer, "/health"],
    [mailApi, "/health"],
    [lab.dashboardUrl, "/api/health"],
  ] as const) {
    const live = await fetch(`${base}${prefix}/live`);
    expect(live.status, `${base}${prefix}/live`).toBe(200);
    expect(await live.json()).toEqual({ status: "live" });
    const ready = await fetch(`${base}${prefix}/ready`);
    expect(ready.status, `${base}${prefix}/ready`).toBe(200);
    expect(ready.headers.get("cache-control")).toContain("no-store");
    expect(await ready.json()).toEqual({ status: "ready" });
  }
  expect((await fetch(`${mailApi}/health`)).status).toBe(200);
  expect((await fetch(`${lab.dashboardUrl}/api/health`)).status).toBe(200);
});

async function readiness(url: string): Promise<{ status: number; body: unknown; ms: number }> {
  const started = Date.now();
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as unknown, ms: Date.now() - started };
}

for (const app of [
  {
    name: "authorization server",
    script: START_SCRIPTS.as,
    databaseUrl: authDatabaseUrl,
    env: (port: number, databaseUrl: string) => ({
      HOST: "127.0.0.1",
      PORT: String(port),
      ISSUER: `http://localhost:${port}`,
      AUTH_DATABASE_URL: databaseUrl,
      MAIL_API_AUDIENCE: mailApi,
      // The stack's database holds the teaching registrations: the AS starts only in the same mode.
      TEACHING_MODE: "1",
      ATTACK_LAB: "1",
    }),
  },
  {
    name: "mail API",
    script: START_SCRIPTS.mail,
    databaseUrl: mailDatabaseUrl,
    env: (port: number, databaseUrl: string) => ({
      HOST: "127.0.0.1",
      PORT: String(port),
      ISSUER: lab.issuer,
      MAIL_API_AUDIENCE: mailApi,
      MAIL_DATABASE_URL: databaseUrl,
      MAIL_API_CLIENT_SECRET: process.env.MAIL_API_CLIENT_SECRET ?? "",
    }),
  },
]) {
  test(`the ${app.name} without its database: 503 within the timeout, still live, ready again once it is back`, async () => {
    test.setTimeout(180_000);
    const relay = await databaseRelay(app.databaseUrl);
    const port = await freePort();
    const instance = startInstance(app.script, app.env(port, relay.url));
    const base = `http://127.0.0.1:${port}`;
    try {
      await expect
        .poll(
          async () => {
            if (instance.child.exitCode !== null) throw new Error(`the ${app.name} exited:\n${instance.output()}`);
            return (await fetch(`${base}/health/ready`).catch(() => undefined))?.status;
          },
          { timeout: 150_000, intervals: [500] },
        )
        .toBe(200);
      // Its start script applied the migrations (none pending: the stack's run already did).
      expect(instance.output()).toMatch(/database: migrations applied/);

      relay.cut();
      for (let attempt = 0; attempt < 2; attempt++) {
        const notReady = await readiness(`${base}/health/ready`);
        expect(notReady.status).toBe(503);
        expect(notReady.body).toMatchObject({ status: "unavailable" });
        expect(JSON.stringify(notReady.body)).not.toMatch(/at |Error|127\.0\.0\.1|postgres/);
        expect(notReady.ms).toBeLessThan(5000);
      }
      expect((await fetch(`${base}/health/live`)).status).toBe(200);

      relay.restore();
      await expect.poll(async () => (await readiness(`${base}/health/ready`)).status, { timeout: 20_000, intervals: [500] }).toBe(200);
    } finally {
      await instance.stop();
      await relay.close();
    }
  });
}
