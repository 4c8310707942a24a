import assert from "node:assert/strict";
import { test } from "node:test";
import { formatCountdown, secondsLeft } from "./countdown.ts";
import type { GuidedFlow } from "./flow.ts";
import { accessTokenExp, accessTokenLifecycle, expireAccessTokenInClientView, refreshTokenChain, shortenToken } from "./token-lifecycle.ts";

const jwt = (payload: object) => `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.sig`;
const rt = (n: number) => `refresh-token-number-${n}-${"x".repeat(20)}`;
const tokens = (refresh_token: string | undefined) => ({ access_token: jwt({ exp: 1_000 }), token_type: "Bearer", refresh_token });

test("countdowns: m:ss, h:mm:ss, and expired at zero", () => {
  assert.equal(formatCountdown(299), "4:59");
  assert.equal(formatCountdown(5), "0:05");
  assert.equal(formatCountdown(3723), "1:02:03");
  assert.equal(formatCountdown(0), "expired");
  assert.equal(formatCountdown(-3), "expired");
  assert.equal(secondsLeft(100, 99_500), 1);
  assert.equal(secondsLeft(100, 101_000), 0);
});

test("tokens are shortened to their ends", () => {
  assert.equal(shortenToken("abcdefghijklmnopqrstuvwxyz"), "abcdef…wxyz");
  assert.equal(shortenToken("short"), "short");
});

test("the rotation chain: the first token from step 4, then one per successful refresh", () => {
  assert.deepEqual(refreshTokenChain({ tokens: undefined, refreshes: [], revoked: undefined }), []);
  assert.deepEqual(
    refreshTokenChain({ tokens: tokens(rt(1)), refreshes: [], revoked: undefined }).map((l) => [l.refresh_token, l.state, l.issued_by]),
    [[rt(1), "current", "step 4"]],
  );
  const refreshes = [
    { sent: rt(1), received: rt(2), access_token: "a2" },
    { sent: rt(2), received: undefined, access_token: undefined, error: "invalid_grant" },
    { sent: rt(2), received: rt(3), access_token: "a3" },
  ];
  const chain = refreshTokenChain({ tokens: tokens(rt(3)), refreshes, revoked: undefined });
  assert.deepEqual(
    chain.map((l) => [l.refresh_token, l.state, l.issued_by]),
    [
      [rt(1), "rotated", "step 4"],
      [rt(2), "rotated", "refresh 1"],
      [rt(3), "current", "refresh 3"],
    ],
  );
  const revoked = refreshTokenChain({ tokens: tokens(rt(3)), refreshes, revoked: { at: "x", access_token: "a3" } });
  assert.deepEqual(
    revoked.map((l) => l.state),
    ["rotated", "rotated", "revoked"],
  );
});

test("expiry: the client's expires_at and the server's exp are separate clocks", () => {
  assert.equal(accessTokenExp(jwt({ exp: 1234 })), 1234);
  assert.equal(accessTokenExp("opaque"), undefined);
  const flow = { tokens: tokens(rt(1)), expires_at: 990, revoked: undefined } as Pick<GuidedFlow, "tokens" | "expires_at" | "revoked">;
  assert.deepEqual(accessTokenLifecycle(flow, 500), {
    expires_at: 990,
    exp: 1_000,
    clientSaysExpired: false,
    serverSaysExpired: false,
    revoked: false,
  });
  // The demo clock moves only the client's view; the token (and its exp) is untouched.
  assert.ok(expireAccessTokenInClientView(flow, 500));
  assert.deepEqual(accessTokenLifecycle(flow, 500), {
    expires_at: 500,
    exp: 1_000,
    clientSaysExpired: true,
    serverSaysExpired: false,
    revoked: false,
  });
  assert.equal(expireAccessTokenInClientView({ tokens: undefined, expires_at: undefined }, 500), false);
  assert.equal(accessTokenLifecycle({ tokens: undefined, expires_at: undefined, revoked: undefined }, 500), undefined);
});
