import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidRequest } from "./errors.ts";
import { RequestBodyTooLarge, readBodyText } from "./request-body.ts";

/** A request whose body is `chunks`, streamed; `endless`: after them it never ends. */
function streamed(chunks: (string | Uint8Array)[], options: { endless?: boolean; contentLength?: number } = {}): { request: Request } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[pulled];
      if (next !== undefined) {
        pulled++;
        controller.enqueue(typeof next === "string" ? new TextEncoder().encode(next) : next);
      } else if (!options.endless) controller.close();
      else return new Promise(() => undefined); // waits for ever
    },
  });
  const headers = options.contentLength === undefined ? undefined : { "content-length": String(options.contentLength) };
  const request = new Request("http://test.invalid/", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { request };
}

test("a body within the limit is read whole, in UTF-8 across chunk boundaries", async () => {
  const text = "note=€ and more";
  const bytes = new TextEncoder().encode(text);
  // "€" is three bytes: the first chunk ends in its middle.
  const { request } = streamed([bytes.subarray(0, 6), bytes.subarray(6)]);
  assert.equal(await readBodyText(request, bytes.byteLength), text);
  assert.equal(await readBodyText(new Request("http://test.invalid/", { method: "POST", body: "a=1&b=2" }), 7), "a=1&b=2");
  assert.equal(await readBodyText(new Request("http://test.invalid/"), 10), "");
});

// The body never ends: reading it to its end would never finish (the test's timeout would fail it).
test("a body that never ends is refused once it passes the limit, without waiting for its end", { timeout: 5_000 }, async () => {
  const { request } = streamed(["x".repeat(600), "x".repeat(600)], { endless: true });
  const error = await readBodyText(request, 1000).catch((e: unknown) => e);
  assert.ok(error instanceof RequestBodyTooLarge);
  assert.ok(error instanceof InvalidRequest, "an invalid_request (400)");
});

test("a Content-Length above the limit is refused before anything is read", async () => {
  const { request } = streamed(["x"], { contentLength: 10_000_000 });
  await assert.rejects(readBodyText(request, 1000), RequestBodyTooLarge);
  assert.equal(request.bodyUsed, false);
});
