import assert from "node:assert/strict";
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { withHealth } from "./health.ts";

async function serve(listener: RequestListener, use: (base: string) => Promise<void>): Promise<void> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const app: RequestListener = (_req, res) => {
  res.writeHead(418).end("app");
};

test("ready when the probe answers, live without asking it, everything else goes to the app", async () => {
  let probes = 0;
  await serve(
    withHealth(app, async () => {
      probes++;
    }),
    async (base) => {
      const ready = await fetch(`${base}/health/ready`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: "ready" });
      assert.equal(ready.headers.get("cache-control"), "no-store");
      assert.equal((await fetch(`${base}/health/live`)).status, 200);
      assert.equal(probes, 1);
      assert.equal((await fetch(`${base}/health`)).status, 418);
      assert.equal((await fetch(`${base}/health/ready`, { method: "POST" })).status, 418);
    },
  );
});

test("503 with a JSON body, without the driver's message, when the probe fails", async () => {
  await serve(
    withHealth(app, () => Promise.reject(new Error("connect ECONNREFUSED 10.0.0.7:5432 user=secret"))),
    async (base) => {
      const ready = await fetch(`${base}/health/ready`);
      assert.equal(ready.status, 503);
      const body = JSON.stringify(await ready.json());
      assert.match(body, /"status":"unavailable"/);
      assert.doesNotMatch(body, /ECONNREFUSED|secret/);
    },
  );
});

test("503 within the timeout when the probe hangs", async () => {
  await serve(
    withHealth(app, () => new Promise(() => undefined), 200),
    async (base) => {
      const started = Date.now();
      const ready = await fetch(`${base}/health/ready`);
      assert.equal(ready.status, 503);
      assert.ok(Date.now() - started < 2000);
      assert.match(JSON.stringify(await ready.json()), /did not answer within 200 ms/);
    },
  );
});
