import assert from "node:assert/strict";
import { test } from "node:test";
import { GUIDED_STEPS, guidedPath, isGuidedStepId, nextStep, previousStep } from "./steps.ts";

test("every step has its own URL, in the order of the seed, then refresh and revoke", () => {
  assert.deepEqual(
    GUIDED_STEPS.map((s) => guidedPath(s.id)),
    ["/guided/1", "/guided/2", "/guided/3", "/guided/4", "/guided/5", "/guided/6", "/guided/refresh", "/guided/revoke"],
  );
  assert.equal(guidedPath(undefined), "/guided");
  assert.equal(guidedPath("3", true), "/guided/3?presenter=1");
});

test("next and back walk the steps; the intro comes before step 1", () => {
  assert.equal(nextStep(undefined), "1");
  assert.equal(nextStep("1"), "2");
  assert.equal(nextStep("6"), "refresh");
  assert.equal(nextStep("revoke"), undefined);
  assert.equal(previousStep("2"), "1");
  assert.equal(previousStep("1"), undefined);
  assert.equal(previousStep(undefined), undefined);
});

test("only known steps are step ids", () => {
  assert.ok(isGuidedStepId("refresh"));
  assert.ok(!isGuidedStepId("7"));
  assert.ok(!isGuidedStepId("callback"));
});

test("every RFC link points at the RFC editor", () => {
  for (const step of GUIDED_STEPS) assert.match(step.rfc.href, /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+#section-/);
});

test("RFC references become links to their section", async () => {
  const { rfcHref } = await import("./steps.ts");
  assert.equal(rfcHref("RFC 7636 §4.6"), "https://www.rfc-editor.org/rfc/rfc7636#section-4.6");
  assert.equal(rfcHref("RFC 6749 §10.12"), "https://www.rfc-editor.org/rfc/rfc6749#section-10.12");
  assert.equal(rfcHref("OpenID Connect Core §3.1.3.7"), undefined);
});
