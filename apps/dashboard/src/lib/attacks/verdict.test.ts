import assert from "node:assert/strict";
import { test } from "node:test";
import type { TraceEvent } from "@oauth-flow-lab/oauth";
import type { AttackRun, AttemptRecord } from "./types.ts";
import { answerOfResponse, realVerdict, runStatus, twinVerdict } from "./verdict.ts";

const event = (id: string, ok: boolean): TraceEvent => ({
  id,
  check: id,
  ok,
  actor: "mail-api",
  endpoint: "GET /v1/messages",
  at: "2026-12-01T00:00:00.000Z",
});
const refused = { kind: "refused", status: 401, error: "invalid_token" } as const;

test("held: refused, and the trace names an expected check as the one that failed", () => {
  const verdict = realVerdict(
    refused,
    [event("bearer-token", true), event("jwt-header", true), event("jwt-signature", false)],
    ["jwt-signature"],
  );
  assert.equal(verdict.kind, "held");
  assert.equal(verdict.kind === "held" ? verdict.check : undefined, "jwt-signature");
});

test("held-other-check: refused, but by a check the scenario did not expect", () => {
  const verdict = realVerdict(refused, [event("jwt-header", false)], ["jwt-signature"]);
  assert.deepEqual(verdict.kind === "held-other-check" ? verdict.check : undefined, "jwt-header");
});

test("refused-untraced: the dashboard never names a check the trace did not record", () => {
  assert.deepEqual(realVerdict(refused, [], ["jwt-signature"]), { kind: "refused-untraced" });
  assert.deepEqual(realVerdict(refused, [event("jwt-signature", true)], ["jwt-signature"]), { kind: "refused-untraced" });
});

test("broken: the real server accepted the attack, whatever the trace says", () => {
  assert.deepEqual(realVerdict({ kind: "accepted", status: 200, summary: "" }, [event("route-scope", false)], ["route-scope"]), {
    kind: "broken",
  });
});

test("the twin: accepted is fooled, a refusal resisted, a 404 unavailable", () => {
  assert.equal(twinVerdict({ kind: "accepted", status: 200, summary: "" }).kind, "fooled");
  assert.equal(twinVerdict(refused).kind, "resisted");
  assert.equal(twinVerdict({ kind: "missing", status: 404 }).kind, "unavailable");
});

test("answerOfResponse: the OAuth error from the JSON body, or from the Bearer challenge (RFC 6750 §3)", () => {
  assert.deepEqual(
    answerOfResponse({ status: 400, headers: {}, body: '{"error":"invalid_grant","error_description":"used"}' }, () => ""),
    {
      kind: "refused",
      status: 400,
      error: "invalid_grant",
      error_description: "used",
    },
  );
  assert.deepEqual(
    answerOfResponse(
      {
        status: 403,
        headers: { "www-authenticate": 'Bearer realm="mail-api", error="insufficient_scope", error_description="needs mail.send"' },
      },
      () => "",
    ),
    {
      kind: "refused",
      status: 403,
      error: "insufficient_scope",
      error_description: "needs mail.send",
    },
  );
  assert.deepEqual(
    answerOfResponse({ status: 404, headers: {} }, () => "", { missingOn404: true }),
    { kind: "missing", status: 404 },
  );
  assert.equal(answerOfResponse({ status: 200, headers: {}, body: '{"messages":[]}' }, (b) => JSON.stringify(b)).kind, "accepted");
});

const attemptOf = (real: AttemptRecord["real"]["verdict"], naive?: AttemptRecord["naive"]): AttemptRecord => ({
  id: "a",
  label: "a",
  what: "",
  expected_checks: [],
  real: { exchanges: [], answer: refused, events: [], verdict: real },
  naive,
  observations: [],
});
const runOf = (attempts: AttemptRecord[], error?: string): AttackRun => ({
  scenario: "4",
  started_at: "",
  finished_at: "",
  setup: [],
  attempts,
  trace: "open",
  error,
});
const held = { kind: "held", check: "jwt-header", event: event("jwt-header", false) } as const;
const twin = (kind: "fooled" | "resisted" | "unavailable") =>
  ({
    exchanges: [],
    answer: refused,
    events: [],
    verdict: kind === "unavailable" ? { kind, reason: "404" } : { kind },
  }) as AttemptRecord["naive"];

test("runStatus: not run, held, twin fooled, not confirmed, broken, failed", () => {
  assert.equal(runStatus(undefined), "not-run");
  assert.equal(runStatus(runOf([attemptOf(held)])), "held");
  assert.equal(runStatus(runOf([attemptOf(held, twin("fooled")), attemptOf(held, twin("fooled"))])), "twin-fooled");
  assert.equal(runStatus(runOf([attemptOf(held, twin("fooled")), attemptOf(held, twin("resisted"))])), "held");
  assert.equal(runStatus(runOf([attemptOf(held, twin("unavailable"))])), "held", "a twin that is not there fooled nobody");
  assert.equal(runStatus(runOf([attemptOf(held), attemptOf({ kind: "refused-untraced" })])), "not-confirmed");
  assert.equal(runStatus(runOf([attemptOf(held), attemptOf({ kind: "broken" })])), "broken");
  assert.equal(runStatus(runOf([], "the AS is down")), "failed");
});
