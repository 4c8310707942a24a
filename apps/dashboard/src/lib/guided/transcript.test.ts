import assert from "node:assert/strict";
import { test } from "node:test";
import { type Exchange, exportTranscript, MASK, maskAuthorization, maskExchange } from "./transcript.ts";

const client = { client_id: "dashboard", client_secret: "s3cret with space+plus" };
const basic = `Basic ${Buffer.from("dashboard:s3cret+with+space%2Bplus").toString("base64")}`;

const tokenExchange: Exchange = {
  step: "4",
  channel: "back",
  at: "2026-01-01T00:00:00.000Z",
  request: {
    method: "POST",
    url: "http://localhost:4000/token",
    headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=authorization_code&code=abc&code_verifier=v",
  },
  response: { status: 200, headers: { "content-type": "application/json" }, body: '{"access_token":"eyJ.at","refresh_token":"rt-1"}' },
};

test("RFC 6749 §2.3.1: the Basic header keeps only what encodes the client_id", () => {
  const masked = maskAuthorization(basic, client.client_id);
  assert.match(masked, /^Basic ZGFzaGJvYXJk…/);
  assert.ok(masked.includes(MASK));
  const shown = masked.slice("Basic ".length).split("…")[0] ?? "";
  assert.equal(Buffer.from(shown, "base64").toString(), "dashboard");
  assert.equal(maskAuthorization("Bearer abc", client.client_id), "Bearer abc");
});

test("a masked exchange has no spelling of the secret left, and keeps everything else", () => {
  const withPost: Exchange = {
    ...tokenExchange,
    request: { ...tokenExchange.request, body: "client_secret=s3cret+with+space%2Bplus&code=abc" },
  };
  const masked = JSON.stringify(maskExchange(withPost, client));
  assert.ok(!masked.includes(basic.slice(6)));
  assert.ok(!masked.includes("s3cret"));
  assert.ok(masked.includes("code=abc"));
});

test("the export includes the tokens (the student's own) but never the client secret", () => {
  const json = exportTranscript(
    {
      state: "st",
      nonce: "no",
      code_verifier: "ver",
      code_challenge: "cha",
      trace_capability: "cap-abc",
      transcript: [tokenExchange],
      checks: [],
    },
    client,
    new Date("2026-01-01T00:00:00Z"),
  );
  const parsed = JSON.parse(json);
  assert.equal(parsed.format, "oauth-flow-lab/guided-transcript");
  assert.equal(parsed.exchanges.length, 1);
  assert.ok(json.includes("eyJ.at") && json.includes("rt-1"));
  assert.ok(!json.includes("s3cret"));
  assert.ok(!json.includes(basic.slice(6)));
  assert.ok(!json.includes("cap-abc"), "the trace capability is never exported");
  assert.equal(parsed.flow.trace_id, undefined);
  assert.match(parsed.exchanges[0].request.headers.authorization, /^Basic ZGFzaGJvYXJk…/);
});
