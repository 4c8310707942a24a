// Confirming a capability with the AS: positive answers remembered, lookups bounded per second.
import assert from "node:assert/strict";
import { test } from "node:test";
import { capabilityIssuedAt } from "./trace.ts";

const capability = "C".repeat(43);

test("the AS's 200 is remembered; a 404 is not a capability", async () => {
  let asked = 0;
  const fakeFetch = (async (_url: URL | RequestInfo, init?: RequestInit) => {
    asked += 1;
    const header = new Headers(init?.headers).get("x-flow-trace");
    return new Response("{}", { status: header === capability ? 200 : 404 });
  }) as typeof fetch;
  const issued = capabilityIssuedAt("http://as.test", fakeFetch, () => 0);
  assert.equal(await issued(capability), true);
  assert.equal(await issued(capability), true);
  assert.equal(asked, 1);
  assert.equal(await issued("D".repeat(43)), false);
});

test("made-up capabilities cost the AS at most 20 lookups a second", async () => {
  let asked = 0;
  let clock = 0;
  const fakeFetch = (async () => {
    asked += 1;
    return new Response("{}", { status: 404 });
  }) as typeof fetch;
  const issued = capabilityIssuedAt("http://as.test", fakeFetch, () => clock);
  for (let i = 0; i < 100; i++) await issued(`${i}`.padStart(43, "x"));
  assert.equal(asked, 20);
  clock = 1000;
  await issued("y".repeat(43));
  assert.equal(asked, 21);
});
