// Which address the login throttle counts by: X-Forwarded-For only from trusted proxies.
import assert from "node:assert/strict";
import { test } from "node:test";
import { clientAddress, isAddressOrRange, trustedProxyList } from "./client-address";

const headers = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

test("no trusted proxy (the default): X-Forwarded-For is ignored, the address is unknown", () => {
  assert.equal(trustedProxyList([]), null);
  assert.equal(clientAddress(headers("198.51.100.1"), null), null);
  assert.equal(clientAddress(headers(), null), null);
});

test("trusted proxies: the right-most entry that is not one of them", () => {
  const proxies = trustedProxyList(["10.0.0.0/8", "::1"]);
  assert.equal(clientAddress(headers("203.0.113.5"), proxies), "203.0.113.5");
  // A client's own forged entry sits left of what our proxy appended: it is never reached.
  assert.equal(clientAddress(headers("1.2.3.4, 203.0.113.5"), proxies), "203.0.113.5");
  assert.equal(clientAddress(headers("203.0.113.5, 10.1.2.3"), proxies), "203.0.113.5");
  assert.equal(clientAddress(headers("::ffff:203.0.113.5, ::1"), proxies), "203.0.113.5");
  assert.equal(clientAddress(headers("10.0.0.1"), proxies), null, "only proxies: unknown");
  assert.equal(clientAddress(headers("not-an-address"), proxies), null);
  assert.equal(clientAddress(headers(), proxies), null);
});

test("TRUSTED_PROXIES entries: addresses and CIDR ranges only", () => {
  for (const ok of ["127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"]) assert.ok(isAddressOrRange(ok), ok);
  for (const bad of ["localhost", "10.0.0.0/33", "10.0.0.0/8/1", "::/129", "*", ""]) assert.ok(!isAddressOrRange(bad), bad);
});
