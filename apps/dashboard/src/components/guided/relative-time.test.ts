import assert from "node:assert/strict";
import { test } from "node:test";
import { readableTime, relativeTime } from "./relative-time.ts";

test("relative times: seconds, minutes, hours, days, both ways", () => {
  const now = 1_800_000_000_000;
  const at = (seconds: number) => now / 1000 + seconds;
  assert.equal(relativeTime(at(0), now), "now");
  assert.equal(relativeTime(at(45), now), "in 45 s");
  assert.equal(relativeTime(at(-45), now), "45 s ago");
  assert.equal(relativeTime(at(9 * 60 - 3), now), "in 9 min");
  assert.equal(relativeTime(at(-3 * 60), now), "3 min ago");
  assert.equal(relativeTime(at(3600 + 30 * 60), now), "in 1 h 30 min");
  assert.equal(relativeTime(at(-14 * 86_400), now), "14 days ago");
});

test("readable time in a given zone", () => {
  assert.equal(readableTime(Date.UTC(2026, 10, 30, 21, 34, 5) / 1000, "UTC"), "Mon 30 Nov, 21:34:05");
  assert.equal(readableTime(Date.UTC(2026, 10, 30, 21, 34, 5) / 1000, "UTC", true), "21:34:05");
});
