import assert from "node:assert/strict";
import { test } from "node:test";
import { isFromIssuer, parseAuthorizationErrorResponse } from "./authorization-error-response.ts";

test("RFC 6749 §4.1.2.1: a refused consent", () => {
  assert.deepEqual(
    parseAuthorizationErrorResponse(new URLSearchParams("error=access_denied&state=abc&iss=http%3A%2F%2Flocalhost%3A4000")),
    {
      error: "access_denied",
      error_description: undefined,
      state: "abc",
      iss: "http://localhost:4000",
    },
  );
});

test("not an error response, an unknown code, or a repeated parameter", () => {
  assert.equal(parseAuthorizationErrorResponse(new URLSearchParams("code=x&state=abc")), undefined);
  assert.equal(parseAuthorizationErrorResponse(new URLSearchParams("error=<script>&state=abc")), undefined);
  assert.equal(parseAuthorizationErrorResponse(new URLSearchParams("error=access_denied&state=a&state=b")), undefined);
});

test("RFC 9207 §2.4: only a response that names our issuer is ours; without iss it is rejected", () => {
  const issuer = "http://localhost:4000";
  const read = (query: string) => parseAuthorizationErrorResponse(new URLSearchParams(query)) ?? assert.fail(query);
  assert.equal(isFromIssuer(read(`error=access_denied&state=abc&iss=${encodeURIComponent(issuer)}`), issuer), true);
  assert.equal(isFromIssuer(read("error=access_denied&state=abc"), issuer), false);
  assert.equal(isFromIssuer(read("error=access_denied&state=abc&iss="), issuer), false);
  assert.equal(isFromIssuer(read("error=access_denied&state=abc&iss=http%3A%2F%2Fevil.test"), issuer), false);
});
