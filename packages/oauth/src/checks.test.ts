import assert from "node:assert/strict";
import { test } from "node:test";
import { type Check, defineCheck, required, runChecks } from "./checks.ts";
import { InvalidGrant } from "./errors.ts";
import type { ProtocolCheck } from "./trace.ts";

type Ctx = { ran: string[]; value?: number };

const first = defineCheck<Ctx>({
  id: "first",
  rfc: "RFC 6749 §4.1.3",
  title: "First",
  run(ctx) {
    ctx.ran.push("first");
    ctx.value = 42;
    return { detail: "forty-two" };
  },
});
const second = defineCheck<Ctx>({
  id: "second-check",
  rfc: "RFC 6749 §6",
  title: "Second",
  async run(ctx) {
    ctx.ran.push("second");
    assert.equal(required(ctx.value, "value"), 42);
  },
});
const refuses = defineCheck<Ctx>({
  id: "refuses",
  rfc: "RFC 7636 §4.6",
  title: "Refuses",
  run(ctx) {
    ctx.ran.push("refuses");
    throw new InvalidGrant("PKCE verification failed");
  },
});
const never = defineCheck<Ctx>({
  id: "never",
  rfc: "RFC 6749 §5.2",
  title: "Never",
  run(ctx) {
    ctx.ran.push("never");
  },
});

function observer(): { checks: ProtocolCheck[]; push(check: ProtocolCheck): void } {
  const checks: ProtocolCheck[] = [];
  return { checks, push: (c) => void checks.push(c) };
}

test("runs every check in order and reports each with its outcome and detail", async () => {
  const ctx: Ctx = { ran: [] };
  const log = observer();
  await runChecks([first, second], ctx, log);
  assert.deepEqual(ctx.ran, ["first", "second"]);
  assert.deepEqual(log.checks, [
    { id: "first", check: "First", ok: true, rfc: "RFC 6749 §4.1.3", detail: "forty-two" },
    { id: "second-check", check: "Second", ok: true, rfc: "RFC 6749 §6" },
  ]);
});

test("stops at the first failure, reports it with the OAuth error, rethrows it, and never reports what did not run", async () => {
  const ctx: Ctx = { ran: [] };
  const log = observer();
  await assert.rejects(runChecks([first, refuses, never], ctx, log), (error) => error instanceof InvalidGrant);
  assert.deepEqual(ctx.ran, ["first", "refuses"]);
  assert.deepEqual(
    log.checks.map((c) => [c.id, c.ok]),
    [
      ["first", true],
      ["refuses", false],
    ],
  );
  assert.equal(log.checks[1]?.detail, "invalid_grant: PKCE verification failed");
});

test("a refusal that is not an OAuth error is reported without its message, and rethrown as is", async () => {
  const boom: Check<Ctx> = {
    id: "boom",
    rfc: "RFC 6749 §5.2",
    title: "Boom",
    run: () => Promise.reject(new Error("database password is hunter2")),
  };
  const log = observer();
  await assert.rejects(runChecks([boom], { ran: [] }, log), /hunter2/);
  assert.deepEqual(log.checks, [{ id: "boom", check: "Boom", ok: false, rfc: "RFC 6749 §5.2" }]);
});

test("works without an observer; the answer is the same", async () => {
  await runChecks([first, second], { ran: [] });
  await assert.rejects(runChecks([refuses], { ran: [] }), InvalidGrant);
});

test("a check id must be kebab-case; a value no check established is a programming error", () => {
  assert.throws(() => defineCheck<Ctx>({ id: "checkPkce", rfc: "RFC 7636 §4.6", title: "x", run: () => undefined }), TypeError);
  assert.throws(() => required(undefined, "client"), /check order: client/);
});
