// The request log: one JSON line per request, at its end, with the request's id (the caller's valid
// X-Request-Id, echoed, or a fresh one), the method, the path, the status and the duration; never the
// query, a header or a token, not even in the line of an unexpected error.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { createRequestListener } from "./app.ts";
import type { Mailbox } from "./mailbox.ts";
import { type CapturedLogger, captureLogger } from "./test-logger.ts";
import { memoryMailbox, message } from "./test-mailbox.ts";
import { ALICE, AUDIENCE, createTestIssuer, ISSUER, type TestIssuer } from "./test-tokens.ts";
import { createAccessTokenVerifier } from "./verify-access-token.ts";

let server: Server;
let base: string;
let as: TestIssuer;
let log: CapturedLogger;

before(async () => {
  as = await createTestIssuer();
  log = captureLogger();
  const inner = memoryMailbox([message("msg_alice_01", ALICE, 1)]);
  // A message id that makes the mailbox fail unexpectedly, with the token in the error's text.
  const failing: Mailbox = {
    ...inner,
    async findMessage(owner, id) {
      if (id === "msg_boom") throw new Error(`database exploded (${owner.sub})`);
      return inner.findMessage(owner, id);
    },
  };
  server = createServer(
    createRequestListener({
      verifier: createAccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keySet: as.keySet }),
      mailbox: failing,
      logger: log.logger,
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The line logged for the request with this id (written once the response closed). */
async function lineOf(requestId: string, msg = "request"): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const line = log.lines().find((l) => l.request_id === requestId && l.msg === msg);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no "${msg}" line for ${requestId}: ${log.raw().join("\n")}`);
}

test("one JSON line per request: its id, method, path without the query, status, duration", async () => {
  const token = await as.sign();
  const response = await fetch(`${base}/v1/messages?limit=2&q=secret-search`, {
    headers: { authorization: `Bearer ${token}`, "x-request-id": "dash-req-00000001" },
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("x-request-id"), "dash-req-00000001");
  const line = await lineOf("dash-req-00000001");
  assert.equal(line.service, "mail-api");
  assert.equal(line.level, "info");
  assert.equal(line.method, "GET");
  assert.equal(line.path, "/v1/messages");
  assert.equal(line.status, 200);
  assert.equal(typeof line.duration_ms, "number");
  assert.ok((line.duration_ms as number) >= 0);
  assert.equal(log.lines().filter((l) => l.request_id === "dash-req-00000001").length, 1);
  for (const raw of log.raw()) {
    assert.ok(!raw.includes(token), raw);
    assert.ok(!raw.includes("limit=") && !raw.includes("secret-search"), raw);
  }
});

test("an invalid incoming request id is replaced by a fresh one, echoed and logged", async () => {
  for (const sent of ["short", "has space in it", "x".repeat(129)]) {
    const response = await fetch(`${base}/v1/messages`, { headers: { "x-request-id": sent } });
    assert.equal(response.status, 401);
    const id = response.headers.get("x-request-id") ?? "";
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal((await lineOf(id)).status, 401);
  }
  // Without one, every request gets its own.
  const [a, b] = await Promise.all([fetch(`${base}/health`), fetch(`${base}/health`)]);
  assert.notEqual(a.headers.get("x-request-id"), b.headers.get("x-request-id"));
});

test("an unexpected error: a 500 with the id, an error line with the id, and still no token in the log", async () => {
  const token = await as.sign();
  const response = await fetch(`${base}/v1/messages/msg_boom`, {
    headers: { authorization: `Bearer ${token}`, "x-request-id": "req-boom-0001" },
  });
  assert.equal(response.status, 500);
  assert.equal(response.headers.get("x-request-id"), "req-boom-0001");
  assert.deepEqual(await response.json(), { error: "server_error" });
  const error = await lineOf("req-boom-0001", "mail-api: unexpected error");
  assert.equal(error.level, "error");
  assert.match(String((error.err as { message?: unknown }).message), /database exploded/);
  assert.equal((await lineOf("req-boom-0001")).status, 500);
  for (const raw of log.raw()) assert.ok(!raw.includes(token), raw);
});
