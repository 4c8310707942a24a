import assert from "node:assert/strict";
import { test } from "node:test";
import { accessTokenNeedsRefresh, DEFAULT_ACCESS_TOKEN_LIFETIME, expiresAt } from "./token-expiry.ts";

test("a token is refreshed once it is within 30 s of expiring", () => {
  assert.equal(accessTokenNeedsRefresh(1000, 900), false);
  assert.equal(accessTokenNeedsRefresh(1000, 969), false);
  assert.equal(accessTokenNeedsRefresh(1000, 970), true);
  assert.equal(accessTokenNeedsRefresh(1000, 2000), true);
  assert.equal(accessTokenNeedsRefresh(1000, 990, 5), false);
});

test("without a known expiry we do not refresh (the mail API's 401 decides)", () => {
  assert.equal(accessTokenNeedsRefresh(undefined, 10 ** 10), false);
});

test("RFC 6749 §5.1: expires_in is relative; a missing one gets the documented default", () => {
  assert.equal(expiresAt(600, 1000), 1600);
  assert.equal(expiresAt(undefined, 1000), 1000 + DEFAULT_ACCESS_TOKEN_LIFETIME);
});
