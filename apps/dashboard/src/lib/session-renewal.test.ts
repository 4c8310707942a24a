import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidGrant, ServerError } from "@oauth-flow-lab/oauth";
import { renewSession } from "./session-renewal.ts";
import type { SessionToken } from "./session-token.ts";

const token: SessionToken = {
  sub: "u1",
  name: "Alice",
  email: "a@labmail.test",
  access_token: "at-1",
  refresh_token: "rt-1",
  expires_at: 1000,
};
const refreshed = { access_token: "at-2", refresh_token: "rt-2", expires_at: 1600, scope: undefined };

test("a fresh access token is used as it is", async () => {
  const outcome = await renewSession(token, { now: () => 900, refresh: () => assert.fail("must not refresh") });
  assert.deepEqual(outcome, { kind: "valid" });
});

test("an expiring token is refreshed; a rotated refresh token replaces the old one", async () => {
  const outcome = await renewSession(token, { now: () => 980, refresh: async () => refreshed });
  assert.deepEqual(outcome, { kind: "refreshed", token: { ...token, access_token: "at-2", refresh_token: "rt-2", expires_at: 1600 } });
});

test("RFC 6749 §6: without a new refresh token the old one is kept", async () => {
  const outcome = await renewSession(token, { now: () => 2000, refresh: async () => ({ ...refreshed, refresh_token: undefined }) });
  assert.equal(outcome.kind === "refreshed" && outcome.token.refresh_token, "rt-1");
});

test("invalid_grant, or no refresh token at all, ends the session", async () => {
  const refused = await renewSession(token, {
    now: () => 2000,
    refresh: async () => {
      throw new InvalidGrant("refresh token reused");
    },
  });
  assert.equal(refused.kind, "ended");
  const noRefresh = await renewSession({ ...token, refresh_token: undefined }, { now: () => 2000, refresh: () => assert.fail() });
  assert.equal(noRefresh.kind, "ended");
});

test("an unreachable or failing token endpoint keeps the session and flags it", async () => {
  const outcome = await renewSession(token, {
    now: () => 2000,
    refresh: async () => {
      throw new ServerError("down");
    },
  });
  assert.equal(outcome.kind, "unavailable");
  assert.equal(outcome.kind === "unavailable" && outcome.token.error, "RefreshAccessTokenError");
});
