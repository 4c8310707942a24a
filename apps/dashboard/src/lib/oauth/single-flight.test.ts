import assert from "node:assert/strict";
import { test } from "node:test";
import { createSingleFlight } from "./single-flight.ts";

test("concurrent runs with the same key share one task", async () => {
  const flight = createSingleFlight<number>({ memoMs: 1000 });
  let calls = 0;
  const task = async () => {
    calls++;
    await new Promise((r) => setTimeout(r, 10));
    return 42;
  };
  const results = await Promise.all([flight.run("a", task), flight.run("a", task), flight.run("a", task)]);
  assert.deepEqual(results, [42, 42, 42]);
  assert.equal(calls, 1);
});

test("a late caller within the memo window gets the remembered result; after it, the task runs again", async () => {
  let clock = 0;
  const flight = createSingleFlight<number>({ memoMs: 100, now: () => clock });
  let calls = 0;
  const task = async () => ++calls;
  assert.equal(await flight.run("a", task), 1);
  clock = 99;
  assert.equal(await flight.run("a", task), 1);
  clock = 100;
  assert.equal(await flight.run("a", task), 2);
  assert.equal(await flight.run("b", task), 3, "another key is independent");
});

test("a failure is shared with waiting callers but not remembered", async () => {
  const flight = createSingleFlight<number>({ memoMs: 1000 });
  let calls = 0;
  const failing = async () => {
    calls++;
    throw new Error("boom");
  };
  const settled = await Promise.allSettled([flight.run("a", failing), flight.run("a", failing)]);
  assert.deepEqual(
    settled.map((s) => s.status),
    ["rejected", "rejected"],
  );
  assert.equal(calls, 1);
  assert.equal(await flight.run("a", async () => 7), 7);
  assert.equal(flight.size(), 1);
});
