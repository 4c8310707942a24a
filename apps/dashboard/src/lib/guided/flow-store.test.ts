import assert from "node:assert/strict";
import { test } from "node:test";
import { createFlowStore } from "./flow-store.ts";

test("at most maxFlows flows: the oldest is dropped", () => {
  const store = createFlowStore<number>({ maxFlows: 3, ttlMs: 60_000 });
  for (const n of [1, 2, 3, 4]) store.add(`f${n}`, n);
  assert.equal(store.size, 3);
  assert.equal(store.get("f1"), undefined);
  assert.equal(store.get("f4"), 4);
});

test("a flow is forgotten after its time to live", () => {
  let t = 0;
  const store = createFlowStore<string>({ maxFlows: 10, ttlMs: 1000, now: () => t });
  store.add("a", "A");
  t = 500;
  store.add("b", "B");
  t = 999;
  assert.equal(store.get("a"), "A");
  t = 1000;
  assert.equal(store.get("a"), undefined);
  assert.equal(store.get("b"), "B");
  t = 1500;
  assert.equal(store.size, 0);
});

test("delete ends a flow", () => {
  const store = createFlowStore<string>({ maxFlows: 10, ttlMs: 1000 });
  store.add("a", "A");
  store.delete("a");
  assert.equal(store.get("a"), undefined);
});
