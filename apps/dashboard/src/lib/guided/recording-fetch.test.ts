import assert from "node:assert/strict";
import { test } from "node:test";
import { TRACE_CAPABILITY_HEADER } from "@oauth-flow-lab/lab";
import { fakeAuthorizationServer, METADATA } from "../oauth-client/fake-authorization-server.ts";
import { refreshAccessToken } from "../oauth-client/refresh.ts";
import { recordingFetch, TRACE_CAPABILITY_PLACEHOLDER } from "./recording-fetch.ts";
import type { Exchange } from "./transcript.ts";

const CAPABILITY = "Zm9vYmFyLWNhcGFiaWxpdHktb2YtdGhpcy1mbG93LTQz";

test("the capability is sent to the server but recorded only as a placeholder", async () => {
  const as = fakeAuthorizationServer({ "/token": () => Response.json({ access_token: "at", token_type: "Bearer", expires_in: 60 }) });
  const flow = { transcript: [] as Exchange[], trace_capability: CAPABILITY };
  await refreshAccessToken(
    METADATA,
    { client: { client_id: "maildash-guided", client_secret: "g" }, refresh_token: "rt-1" },
    { http: { fetch: recordingFetch(flow, "refresh", as.fetch) }, now: () => 0 },
  );

  assert.equal(as.requests[0]?.headers.get(TRACE_CAPABILITY_HEADER), CAPABILITY, "the server receives the capability");
  const [exchange] = flow.transcript;
  assert.ok(exchange);
  assert.equal(exchange.request.headers[TRACE_CAPABILITY_HEADER], TRACE_CAPABILITY_PLACEHOLDER);
  assert.ok(!JSON.stringify(flow.transcript).includes(CAPABILITY), "the capability appears nowhere in the record");
});

test("the record is exactly what oauth4webapi sent and what came back", async () => {
  const answer = { access_token: "at-2", token_type: "Bearer", expires_in: 600, refresh_token: "rt-2" };
  const as = fakeAuthorizationServer({ "/token": () => Response.json(answer, { headers: { "cache-control": "no-store" } }) });
  const flow = { transcript: [] as Exchange[] };
  await refreshAccessToken(
    METADATA,
    { client: { client_id: "maildash-guided", client_secret: "g" }, refresh_token: "rt 1+/" },
    { http: { fetch: recordingFetch(flow, "refresh", as.fetch) }, now: () => 0 },
  );

  const [sent] = as.requests;
  const [exchange] = flow.transcript;
  assert.ok(sent && exchange);
  assert.equal(exchange.step, "refresh");
  assert.equal(exchange.channel, "back");
  assert.equal(exchange.request.method, "POST");
  assert.equal(exchange.request.url, METADATA.token_endpoint);
  assert.equal(exchange.request.body, sent.body, "the body byte for byte");
  assert.equal(exchange.request.body, "refresh_token=rt+1%2B%2F&grant_type=refresh_token");
  for (const [name, value] of sent.headers) assert.equal(exchange.request.headers[name], value, `header ${name}`);
  assert.match(exchange.request.headers["authorization"] ?? "", /^Basic /);
  assert.equal(exchange.request.headers[TRACE_CAPABILITY_HEADER], undefined, "no capability, no header");
  assert.equal(exchange.response?.status, 200);
  assert.equal(exchange.response?.headers["cache-control"], "no-store");
  assert.deepEqual(JSON.parse(exchange.response?.body ?? ""), answer);
});

test("a request that fails before any answer is recorded with the error", async () => {
  const flow = { transcript: [] as Exchange[] };
  const down: typeof fetch = async () => {
    throw new TypeError("fetch failed");
  };
  await assert.rejects(recordingFetch(flow, "6", down)("http://localhost:4001/v1/messages", { headers: { authorization: "Bearer x" } }));
  assert.equal(flow.transcript[0]?.error, "fetch failed");
  assert.equal(flow.transcript[0]?.response, undefined);
});
