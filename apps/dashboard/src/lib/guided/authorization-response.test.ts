import assert from "node:assert/strict";
import { test } from "node:test";
import type { GuidedFlow } from "./flow.ts";
import { processAuthorizationResponse } from "./authorization-response.ts";

const flow = { state: "the-state" } as GuidedFlow;
const issuer = "http://localhost:4000";

test("RFC 6749 §4.1.2: code, the same state and the right iss: accepted", () => {
  const { response, checks } = processAuthorizationResponse(flow, new URLSearchParams({ code: "c0de", state: "the-state", iss: issuer }), issuer);
  assert.deepEqual(response, { kind: "code", code: "c0de", state: "the-state", iss: issuer });
  assert.ok(checks.every((c) => c.ok));
});

test("RFC 6749 §10.12 / RFC 9207: a wrong state or iss keeps the code out", () => {
  const wrongState = processAuthorizationResponse(flow, new URLSearchParams({ code: "c", state: "other", iss: issuer }), issuer);
  assert.equal(wrongState.response, undefined);
  assert.equal(wrongState.checks[0]?.ok, false);
  const wrongIss = processAuthorizationResponse(flow, new URLSearchParams({ code: "c", state: "the-state", iss: "http://evil" }), issuer);
  assert.equal(wrongIss.response, undefined);
  assert.equal(wrongIss.checks[1]?.ok, false);
});

test("RFC 6749 §4.1.2.1: a denied consent is an error response", () => {
  const { response } = processAuthorizationResponse(flow, new URLSearchParams({ error: "access_denied", state: "the-state", iss: issuer }), issuer);
  assert.equal(response?.kind, "error");
  assert.equal(response?.kind === "error" ? response.error : "", "access_denied");
});
