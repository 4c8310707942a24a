import assert from "node:assert/strict";
import { test } from "node:test";
import { authCookies, chunkCookie, readChunkedCookie } from "./session-cookie.ts";

test("next-auth's cookie names, with the __Secure- prefix over https", () => {
  assert.equal(authCookies("http://127.0.0.1:3000").sessionToken.name, "next-auth.session-token");
  assert.equal(authCookies("https://maildash.example").sessionToken.name, "__Secure-next-auth.session-token");
  assert.equal(authCookies("https://maildash.example").sessionToken.options.secure, true);
});

test("a small session is one cookie; a large one is chunked and joins back in order", () => {
  const name = "next-auth.session-token";
  assert.deepEqual(chunkCookie(name, "abc"), [{ name, value: "abc" }]);
  const big = "x".repeat(5000) + "y".repeat(5000);
  const chunks = chunkCookie(name, big);
  assert.deepEqual(
    chunks.map((c) => c.name),
    [`${name}.0`, `${name}.1`, `${name}.2`],
  );
  assert.ok(chunks.every((c) => c.value.length <= 3933));
  const shuffled = [chunks[2], { name: "other", value: "zzz" }, chunks[0], chunks[1]].filter((c) => c !== undefined);
  assert.equal(readChunkedCookie(shuffled, name), big);
  assert.equal(readChunkedCookie([{ name: "other", value: "v" }], name), undefined);
});
