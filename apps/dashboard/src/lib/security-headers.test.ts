// Every path of the dashboard gets the security headers: next.config.ts's sources cover all paths, and
// /spa with everything under it gets its CSP from the proxy (isSpaPath). The integration spec
// `throttle-lifetimes-and-registration` checks the running app.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import nextConfig from "../../next.config.ts";

// The matcher Next.js itself applies to `headers()` sources (CommonJS, compiled into next, untyped).
const { pathToRegexp } = createRequire(import.meta.url)("next/dist/compiled/path-to-regexp") as {
  pathToRegexp: (source: string, keys: unknown[], options: { strict: boolean; sensitive: boolean; delimiter: string }) => RegExp;
};

import { buildContentSecurityPolicy, newNonce } from "./content-security-policy.ts";
import { isSpaPath } from "./security-headers.ts";

async function configuredHeaders(pathname: string): Promise<Map<string, string>> {
  const rules = (await nextConfig.headers?.()) ?? [];
  const found = new Map<string, string>();
  for (const rule of rules) {
    if (!pathToRegexp(rule.source, [], { strict: true, sensitive: false, delimiter: "/" }).test(pathname)) continue;
    for (const { key, value } of rule.headers) found.set(key.toLowerCase(), value);
  }
  return found;
}

for (const pathname of [
  "/",
  "/inbox",
  "/spa",
  "/spa/callback",
  "/spa/a/b",
  "/spaces",
  "/spam/x",
  "/attacks",
  "/attacks/5",
  "/attacks/50",
  "/attacks/4",
]) {
  test(`${pathname}: nosniff, referrer policy, X-Frame-Options (the CSP comes from the proxy)`, async () => {
    const headers = await configuredHeaders(pathname);
    assert.equal(headers.get("x-content-type-options"), "nosniff");
    assert.equal(headers.get("referrer-policy"), "same-origin");
    assert.equal(headers.get("x-frame-options"), "DENY");
    // The Content-Security-Policy is the proxy's, with a nonce per request: never a static one here.
    assert.equal(headers.has("content-security-policy"), false);
  });
}

test("isSpaPath: /spa and below, nothing that merely starts with 'spa'", () => {
  assert.deepEqual(["/spa", "/spa/", "/spa/x", "/spaces", "/spam", "/"].map(isSpaPath), [true, true, true, false, false, false]);
});

test("the CSP: scripts only with this response's nonce, never 'unsafe-inline'; frames refused", () => {
  const nonce = newNonce();
  assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
  assert.notEqual(newNonce(), nonce);
  const policy = buildContentSecurityPolicy({ nonce, dev: false });
  const script = policy.split("; ").find((d) => d.startsWith("script-src")) ?? "";
  assert.equal(script, `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  assert.match(policy, /frame-ancestors 'none'/);
  assert.doesNotMatch(policy, /frame-src/);
  assert.match(
    buildContentSecurityPolicy({ nonce, dev: false, frameSrc: ["http://localhost:4000"] }),
    /frame-src 'self' http:\/\/localhost:4000/,
  );
});
