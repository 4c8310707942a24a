import assert from "node:assert/strict";
import { test } from "node:test";
import { displayName, formatListDate, fullAddress, paragraphs } from "./format.ts";

test("list dates: time today, day this year, full date before", () => {
  const now = new Date("2026-11-25T15:00:00Z");
  assert.equal(formatListDate("2026-11-25T09:05:00Z", now, "UTC"), "09:05");
  assert.equal(formatListDate("2026-03-02T09:05:00Z", now, "UTC"), "2 Mar");
  assert.equal(formatListDate("2025-03-02T09:05:00Z", now, "UTC"), "2 Mar 2025");
});

test("addresses and paragraphs", () => {
  assert.equal(displayName({ name: "", address: "a@x.test" }), "a@x.test");
  assert.equal(fullAddress({ name: "Alice", address: "a@x.test" }), "Alice <a@x.test>");
  assert.deepEqual(paragraphs("Hi Bob,\r\n\r\nLine one\nline two\n\n\n  Bye  "), ["Hi Bob,", "Line one\nline two", "Bye"]);
});
