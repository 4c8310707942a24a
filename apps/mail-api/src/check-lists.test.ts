import assert from "node:assert/strict";
import { test } from "node:test";
import { type Check, InvalidToken, type ProtocolCheck, runChecks } from "@oauth-flow-lab/oauth";
import { TOKEN_ACTIVE_CHECK } from "./token-status.ts";
import { ACCESS_TOKEN_CHECKS, BEARER_TOKEN_CHECK, ROUTE_SCOPE_CHECK, VERIFIED_TOKEN_CACHE_CHECK } from "./verify-access-token.ts";

const ran: string[] = [];
const pass = (id: string, result?: { detail?: string; cached?: { age_seconds: number } }): Check<unknown> => ({
  id,
  rfc: "RFC 0000 §0",
  title: `check ${id}`,
  run: () => {
    ran.push(id);
    return result;
  },
});
const refuse: Check<unknown> = {
  id: "refuse",
  rfc: "RFC 6750 §3.1",
  title: "refuses",
  run: () => {
    ran.push("refuse");
    throw new InvalidToken("no");
  },
};

test("the runner reports each check that ran, in order, stops at the first failure and rethrows it", async () => {
  ran.length = 0;
  const log: ProtocolCheck[] = [];
  await assert.rejects(
    runChecks([pass("a", { detail: "x" }), pass("b", { cached: { age_seconds: 2 } }), refuse, pass("c")], undefined, log),
    InvalidToken,
  );
  assert.deepEqual(ran, ["a", "b", "refuse"]);
  assert.deepEqual(log, [
    { id: "a", check: "check a", ok: true, rfc: "RFC 0000 §0", detail: "x" },
    { id: "b", check: "check b", ok: true, rfc: "RFC 0000 §0", cached: { age_seconds: 2 } },
    { id: "refuse", check: "refuses", ok: false, rfc: "RFC 6750 §3.1", detail: "invalid_token: no" },
  ]);
});

test("without an observer the checks run and fail the same way", async () => {
  ran.length = 0;
  await assert.rejects(runChecks([pass("a"), refuse, pass("c")], undefined), InvalidToken);
  assert.deepEqual(ran, ["a", "refuse"]);
});

test("a failure that is not an OAuth error reports no internals", async () => {
  const log: ProtocolCheck[] = [];
  const broken: Check<unknown> = {
    id: "broken",
    rfc: "RFC 0000 §0",
    title: "broken",
    run: () => {
      throw new Error("SELECT * FROM secrets");
    },
  };
  await assert.rejects(runChecks([broken], undefined, log));
  assert.deepEqual(log, [{ id: "broken", check: "broken", ok: false, rfc: "RFC 0000 §0" }]);
});

test("every check of the mail API has a unique kebab-case id, an RFC section and a title", () => {
  const all = [BEARER_TOKEN_CHECK, ...ACCESS_TOKEN_CHECKS, VERIFIED_TOKEN_CACHE_CHECK, TOKEN_ACTIVE_CHECK, ROUTE_SCOPE_CHECK];
  for (const check of all) {
    assert.match(check.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    assert.match(check.rfc, /^RFC \d+ §[\d.]+$/);
    assert.ok(check.title.length > 0);
  }
  assert.equal(new Set(all.map((c) => c.id)).size, all.length);
});
