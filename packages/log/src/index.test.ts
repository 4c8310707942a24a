import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { Writable } from "node:stream";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { createLogger, flushLogger, isRequestId, requestIdFrom } from "./index.ts";

test("a valid incoming request id is kept; anything else is replaced by a fresh UUID", () => {
  assert.equal(requestIdFrom("abc12345-xyz"), "abc12345-xyz");
  assert.equal(requestIdFrom(["first-id-1", "second-id-2"]), "first-id-1");
  for (const bad of [undefined, null, "", "short", "has space 123", "line\nbreak123", "<script>alert(1)</script>", "x".repeat(129)]) {
    const id = requestIdFrom(bad);
    assert.notEqual(id, bad);
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.ok(isRequestId(id));
  }
});

test("lines are JSON with the service, level and request id; secrets are redacted", async () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trim().split("\n"));
      done();
    },
  });
  const logger = createLogger("mail-api", { destination, level: "info" });
  logger.info({ request_id: "req-00000001", method: "GET", path: "/v1/messages", status: 200 }, "request");
  logger.info({ request_id: "req-00000002", authorization: "Bearer secret", body: { password: "hunter2hunter2" } }, "oops");
  logger.debug({ request_id: "req-00000003" }, "below the level");
  await flushLogger(logger).catch(() => undefined);
  assert.equal(lines.length, 2);
  const first = JSON.parse(lines[0] ?? "");
  assert.equal(first.service, "mail-api");
  assert.equal(first.level, "info");
  assert.equal(first.request_id, "req-00000001");
  assert.equal(first.msg, "request");
  assert.ok(!lines[1]?.includes("secret"), lines[1]);
  assert.ok(!lines[1]?.includes("hunter2"), lines[1]);
});

/** Runs `code` in a child process with this package's logger; resolves with its stdout and when each chunk came. */
function runLogging(code: string): Promise<{ chunks: { at: number; text: string }[]; closed: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    cwd: path.dirname(fileURLToPath(import.meta.url)),
    stdio: ["ignore", "pipe", "inherit"],
  });
  const chunks: { at: number; text: string }[] = [];
  child.stdout.on("data", (chunk: Buffer) => chunks.push({ at: Date.now(), text: chunk.toString() }));
  return new Promise((resolve) => child.once("close", () => resolve({ chunks, closed: Date.now() })));
}

test("stdout: a quiet server's line is written out within about a second, and what is left when the process exits", async () => {
  // One short line (far below the 4 KiB buffer), then 4 s of silence before exiting.
  const quiet = await runLogging(
    `import { createLogger } from "./index.ts"; createLogger("t").info("one line"); setTimeout(() => {}, 4000);`,
  );
  const first = quiet.chunks.find((c) => c.text.includes("one line"));
  assert.ok(first, "the line was written");
  assert.ok(quiet.closed - first.at > 2_000, `written ${quiet.closed - first.at} ms before the exit: not while the process was quiet`);

  // Logged just before process.exit: pino's exit hook writes it out.
  const exiting = await runLogging(`import { createLogger } from "./index.ts"; createLogger("t").info("last words"); process.exit(0);`);
  assert.ok(exiting.chunks.some((c) => c.text.includes("last words")));
});
