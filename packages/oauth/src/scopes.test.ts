import assert from "node:assert/strict";
import { test } from "node:test";
import { hasScopes, parseScope } from "./scopes.ts";

test("RFC 6749 §3.3: scope is space-delimited, duplicates collapse, bad characters are rejected", () => {
  assert.deepEqual(parseScope("openid mail.read openid"), ["openid", "mail.read"]);
  assert.deepEqual(parseScope(""), []);
  assert.equal(parseScope("openid  mail.read"), undefined);
  assert.equal(parseScope('mail"read'), undefined);
});

test("a token's scope must contain every required scope", () => {
  assert.equal(hasScopes("openid mail.read", ["mail.read"]), true);
  assert.equal(hasScopes("openid mail.read", ["mail.send"]), false);
  assert.equal(hasScopes("mail.readx", ["mail.read"]), false);
});
