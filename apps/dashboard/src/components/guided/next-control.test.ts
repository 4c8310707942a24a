import assert from "node:assert/strict";
import { test } from "node:test";
import type { GuidedFlow } from "../../lib/guided/flow.ts";
import { missingBefore, nextControl } from "./next-control.ts";

const flow = (over: Partial<GuidedFlow> = {}): GuidedFlow => ({
  id: "f",
  started_at: "2026-11-30T00:00:00Z",
  state: "s",
  nonce: "n",
  code_verifier: "v",
  code_challenge: "c",
  authorization_url: "http://as.test/authorize?client_id=maildash-guided",
  refreshes: [],
  phase_started_at: {},
  errors: {},
  transcript: [],
  checks: [],
  ...over,
});
const code = { kind: "code", code: "x", state: "s", iss: "http://as.test", parameters: new URLSearchParams().toString() } as const;
const tokens = { access_token: "a", token_type: "bearer" };

test("Next never leads to a page that has nothing to show: it performs what is missing", () => {
  assert.deepEqual(nextControl("1", flow(), false), { kind: "link", href: "/guided/2", label: "Next", external: false });
  assert.deepEqual(nextControl("2", flow(), true), {
    kind: "link",
    href: "http://as.test/authorize?client_id=maildash-guided",
    label: "Next: sign in at LabMail",
    external: true,
  });
  assert.deepEqual(nextControl("3", flow({ authorization_response: code }), true), {
    kind: "link",
    href: "/guided/4?presenter=1",
    label: "Next",
    external: false,
  });
  assert.deepEqual(nextControl("4", flow({ authorization_response: code }), false), {
    kind: "action",
    action: "send-token-request",
    label: "Next: send the token request",
  });
  assert.equal(nextControl("6", flow({ authorization_response: code, tokens }), false)?.label, "Next: call the mail API");
  assert.equal(nextControl("refresh", flow({ authorization_response: code, tokens }), false)?.label, "Next: refresh now");
  assert.equal(nextControl("revoke", flow({ authorization_response: code, tokens }), false), undefined);
});

test("a denied or failed flow offers a new one, saying why", () => {
  const denied = flow({
    authorization_response: { kind: "error", error: "access_denied", error_description: undefined, state: "s", iss: undefined },
  });
  assert.equal(nextControl("3", denied, false)?.label, "Start a new flow");
  assert.equal(missingBefore("5", denied)?.at, "3");
  const failed = flow({ authorization_response: code, errors: { "4": "invalid_grant" } });
  assert.deepEqual(missingBefore("6", failed)?.control, { kind: "action", action: "start", label: "Start a new flow" });
  assert.equal(missingBefore("2", flow()), undefined);
});
