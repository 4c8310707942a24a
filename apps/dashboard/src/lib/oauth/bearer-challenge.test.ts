import assert from "node:assert/strict";
import { test } from "node:test";
import { parseBearerChallenge } from "./bearer-challenge.ts";

test("RFC 6750 §3: reads error, error_description and scope", () => {
  assert.deepEqual(parseBearerChallenge('Bearer realm="mail", error="invalid_token", error_description="The access token expired"'), {
    error: "invalid_token",
    error_description: "The access token expired",
    scope: undefined,
  });
  assert.equal(parseBearerChallenge('Bearer realm="mail",error="insufficient_scope",scope="mail.read"')?.scope, "mail.read");
  assert.deepEqual(parseBearerChallenge("Bearer"), { error: undefined, error_description: undefined, scope: undefined });
});

test("anything else is not a Bearer challenge", () => {
  assert.equal(parseBearerChallenge(null), undefined);
  assert.equal(parseBearerChallenge('Basic realm="x"'), undefined);
});
