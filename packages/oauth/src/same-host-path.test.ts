import assert from "node:assert/strict";
import { test } from "node:test";
import { isSameHostPath } from "./same-host-path.ts";

test("a path on this host, with its query, is kept", () => {
  for (const path of ["/", "/guided", "/interaction/abc?error=credentials", "/attacks/x%2Fy"]) assert.ok(isSameHostPath(path), path);
});

test("anything a browser could read as another host, or no path at all, is refused", () => {
  for (const value of [
    undefined,
    "",
    "guided",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/ /evil.example",
    "https://evil.example/",
    "/é",
  ])
    assert.equal(isSameHostPath(value), false, JSON.stringify(value));
});
