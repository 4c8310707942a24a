import assert from "node:assert/strict";
import { test } from "node:test";
import { autoNextAction, describeAutoAction, type FlowProgress, flowProgress, parseAutoState } from "./auto-mode.ts";
import type { GuidedFlow } from "./flow.ts";

const start: FlowProgress = {
  authorization: "none",
  tokens: false,
  tokenError: false,
  mailApiCalled: false,
  refreshed: false,
  revoked: false,
};

test("stored state: running and a known delay, anything else is stopped at 3 s", () => {
  assert.deepEqual(parseAutoState('{"running":true,"delay":2}'), { running: true, delay: 2 });
  assert.deepEqual(parseAutoState('{"running":true,"delay":7}'), { running: true, delay: 3 });
  assert.deepEqual(parseAutoState(null), { running: false, delay: 3 });
  assert.deepEqual(parseAutoState("{oops"), { running: false, delay: 3 });
  assert.deepEqual(parseAutoState('"running"'), { running: false, delay: 3 });
});

test("steps without an action go on; step 2 waits for the human at LabMail", () => {
  assert.deepEqual(autoNextAction("1", start), { kind: "navigate", to: "2" });
  assert.deepEqual(autoNextAction("2", start), { kind: "wait", message: "Sign in at LabMail to continue." });
  const withCode = { ...start, authorization: "code" as const };
  assert.deepEqual(autoNextAction("2", withCode), { kind: "navigate", to: "3" });
  assert.deepEqual(autoNextAction("3", withCode), { kind: "navigate", to: "4" });
  assert.equal(autoNextAction("3", { ...start, authorization: "error" }).kind, "stop");
});

test("steps 4, 6 and refresh press their button once, then go on; revoke is left to the human", () => {
  const code = { ...start, authorization: "code" as const };
  assert.deepEqual(autoNextAction("4", code), { kind: "press", action: "send-token-request", label: "Send the token request" });
  assert.equal(autoNextAction("4", { ...code, tokenError: true }).kind, "stop");
  const tokens = { ...code, tokens: true };
  assert.deepEqual(autoNextAction("4", tokens), { kind: "navigate", to: "5" });
  assert.deepEqual(autoNextAction("5", tokens), { kind: "navigate", to: "6" });
  assert.deepEqual(autoNextAction("6", tokens), { kind: "press", action: "call-mail-api", label: "Call the mail API" });
  assert.deepEqual(autoNextAction("6", { ...tokens, mailApiCalled: true }), { kind: "navigate", to: "refresh" });
  assert.deepEqual(autoNextAction("refresh", tokens), { kind: "press", action: "refresh", label: "Refresh now" });
  assert.deepEqual(autoNextAction("refresh", { ...tokens, refreshed: true }), { kind: "navigate", to: "revoke" });
  assert.equal(autoNextAction("revoke", tokens).kind, "stop");
  assert.deepEqual(autoNextAction("revoke", { ...tokens, revoked: true }), { kind: "stop", message: "End of the guided flow." });
});

test("progress is read from the flow", () => {
  const flow = {
    authorization_response: {
      kind: "code",
      code: "c",
      state: "s",
      iss: "i",
      parameters: new URLSearchParams("code=c&state=s&iss=i").toString(),
    },
    tokens: { access_token: "a", token_type: "Bearer" },
    errors: {},
    transcript: [{ step: "6", channel: "back", at: "", request: { method: "GET", url: "http://x/v1/messages", headers: {} } }],
    refreshes: [],
    revoked: undefined,
  } satisfies Pick<GuidedFlow, "authorization_response" | "tokens" | "errors" | "transcript" | "refreshes" | "revoked">;
  assert.deepEqual(flowProgress(flow), {
    authorization: "code",
    tokens: true,
    tokenError: false,
    mailApiCalled: true,
    refreshed: false,
    revoked: false,
  });
});

test("the waiting text says where auto mode goes", () => {
  assert.equal(describeAutoAction({ kind: "navigate", to: "4" }, 2), "Step 4 in 2 s");
  assert.equal(describeAutoAction({ kind: "press", action: "refresh", label: "Refresh now" }, 3), "Pressing “Refresh now” in 3 s");
  assert.equal(describeAutoAction({ kind: "stop", message: "Sign in at LabMail to continue." }, 3), "Sign in at LabMail to continue.");
});
