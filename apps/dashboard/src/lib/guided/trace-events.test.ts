import assert from "node:assert/strict";
import { test } from "node:test";
import type { TraceEvent } from "@oauth-flow-lab/oauth";
import { eventsByPhase } from "./trace-events.ts";

const event = (endpoint: string, at: string, check = "x"): TraceEvent => ({
  id: "check-x",
  at,
  actor: "authorization-server",
  endpoint,
  check,
  ok: true,
});

test("each endpoint's checks go to its step; a later /token call is the refresh", () => {
  const phases = eventsByPhase(
    [
      event("/authorize", "2026-01-01T00:00:01Z"),
      event("/interaction/abc/consent", "2026-01-01T00:00:05Z"),
      event("/token", "2026-01-01T00:00:10Z", "PKCE"),
      event("GET /v1/messages", "2026-01-01T00:00:20Z"),
      event("/token", "2026-01-01T00:00:31Z", "rotation"),
      event("/revoke", "2026-01-01T00:00:41Z"),
      event("GET /v1/messages", "2026-01-01T00:00:45Z", "revoked"),
    ],
    { token: "2026-01-01T00:00:09Z", resource: "2026-01-01T00:00:19Z", refresh: "2026-01-01T00:00:30Z", revoke: "2026-01-01T00:00:40Z" },
  );
  assert.equal(phases.authorize.length, 2);
  assert.deepEqual(
    phases.token.map((e) => e.check),
    ["PKCE"],
  );
  assert.deepEqual(
    phases.refresh.map((e) => e.check),
    ["rotation"],
  );
  assert.equal(phases.resource.length, 1);
  assert.deepEqual(
    phases.revoke.map((e) => e.endpoint),
    ["/revoke", "GET /v1/messages"],
  );
});

test("before a phase has begun, its checks go to the first candidate", () => {
  const phases = eventsByPhase([event("/token", "2026-01-01T00:00:10Z")], {});
  assert.equal(phases.token.length, 1);
});
