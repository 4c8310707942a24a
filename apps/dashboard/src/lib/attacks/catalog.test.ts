import assert from "node:assert/strict";
import { test } from "node:test";
import { SCENARIOS, scenarioInfo, scenarioPath, scenariosByStep } from "./catalog.ts";
import { CLIENT_CHECKS, FRAME_ANCESTORS_CHECK } from "./client-check-ids.ts";

// Every check id a scenario may name, as the servers define them (AS protocol/**, mail API verify-access-token.ts, app.ts).
const SERVER_CHECKS = new Set([
  "check-parameters",
  "check-client",
  "check-redirect-uri",
  "check-response-type",
  "check-state",
  "check-scope",
  "check-pkce",
  "check-prompt",
  "check-nonce",
  "check-client-grant-type",
  "client-authentication",
  "grant-type-supported",
  "code-issued",
  "code-unused",
  "code-client",
  "code-not-expired",
  "code-redirect-uri",
  "code-pkce",
  "code-grant-active",
  "issue-tokens",
  "refresh-token-issued",
  "refresh-token-client",
  "refresh-token-not-revoked",
  "refresh-token-not-expired",
  "refresh-token-unused",
  "refresh-scope-not-widened",
  "rotate-refresh-token",
  "bearer-token",
  "jwt-header",
  "jwt-signature",
  "jwt-issuer",
  "jwt-audience",
  "jwt-lifetime",
  "jwt-required-claims",
  "verified-token-cache",
  "token-active",
  "route-scope",
  "own-mailbox",
]);

test("scenario ids are unique, and each names a step, an RFC section and at least one known server check", () => {
  assert.equal(new Set(SCENARIOS.map((s) => s.id)).size, SCENARIOS.length);
  for (const s of SCENARIOS) {
    assert.ok(s.step >= 1 && s.step <= 6, s.id);
    assert.match(s.defence.rfc.label, /^RFC \d+ §[\d.]+$/, s.id);
    assert.ok(s.defence.rfc.href.startsWith("https://www.rfc-editor.org/rfc/"), s.id);
    assert.ok(s.defence.checks.length > 0, s.id);
    const known = (check: string) =>
      SERVER_CHECKS.has(check) || check === FRAME_ANCESTORS_CHECK || Object.values(CLIENT_CHECKS).some((c) => c.id === check);
    for (const check of s.defence.checks) assert.ok(known(check), `${s.id}: unknown check ${check}`);
    assert.ok(s.without_defence.length > 40, `${s.id}: the paragraph on what happens without the defence`);
  }
});

test("issue 8's scenarios of this stage, with the checks the brief names", () => {
  const expected: Record<string, string> = {
    "2": "route-scope",
    "6": "client-state",
    "9": "check-redirect-uri",
    "11": "code-pkce",
    "3": "jwt-signature",
    "7": "code-unused",
    "8": "code-client",
    "10": "code-redirect-uri",
    "12": "check-pkce",
    "13": "refresh-scope-not-widened",
    "14": "refresh-token-unused",
  };
  for (const [id, check] of Object.entries(expected)) assert.deepEqual(scenarioInfo(id)?.defence.checks, [check], id);
  for (const id of ["1", "4", "6", "9", "11"]) assert.ok(scenarioInfo(id)?.twin, `scenario ${id} attacks a naive twin too`);
});

test("grouped by the step they attack, in step order, empty steps left out", () => {
  const groups = scenariosByStep();
  assert.deepEqual(
    groups.map((g) => g.step),
    [...groups.map((g) => g.step)].sort((a, b) => a - b),
  );
  assert.equal(groups.flatMap((g) => g.scenarios).length, SCENARIOS.length);
  assert.ok(groups.every((g) => g.scenarios.length > 0));
});

test("paths keep presenter mode", () => {
  assert.equal(scenarioPath("4"), "/attacks/4");
  assert.equal(scenarioPath("4", true), "/attacks/4?presenter=1");
  assert.equal(scenarioPath(undefined, true), "/attacks?presenter=1");
});
