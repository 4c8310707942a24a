import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidRequest } from "@oauth-flow-lab/oauth";
import { readParameters } from "./parameters";

test("RFC 6749 §3.1: a repeated parameter is an invalid_request; unknown ones are ignored; empty means absent", () => {
  assert.deepEqual(readParameters(new URLSearchParams("a=1&b=&zzz=9"), ["a", "b"]), { a: "1" });
  assert.throws(() => readParameters(new URLSearchParams("a=1&a=2"), ["a"]), InvalidRequest);
  assert.throws(() => readParameters(new URLSearchParams({ a: "x".repeat(5000) }), ["a"]), InvalidRequest);
});
