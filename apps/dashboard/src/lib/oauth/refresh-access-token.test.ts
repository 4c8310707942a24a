import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidGrant, ServerError } from "@oauth-flow-lab/oauth";
import { refreshAccessToken, TokenEndpointUnavailable, type RefreshedTokens } from "./refresh-access-token.ts";
import { createSingleFlight } from "./single-flight.ts";

const client = { client_id: "dashboard", client_secret: "s3cret with space" };
const token_endpoint = "http://localhost:4000/token";

function fakeTokenEndpoint(respond: (body: URLSearchParams) => Response) {
  const requests: { url: string; headers: Headers; body: URLSearchParams }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const body = new URLSearchParams(String(init?.body));
    requests.push({ url: String(input), headers: new Headers(init?.headers), body });
    await new Promise((r) => setTimeout(r, 10));
    return respond(body);
  };
  return { fetch, requests };
}

test("RFC 6749 §6: grant_type=refresh_token with client_secret_basic; a rotated refresh token is returned", async () => {
  const as = fakeTokenEndpoint(() =>
    Response.json({ access_token: "at-2", token_type: "Bearer", expires_in: 600, refresh_token: "rt-2", scope: "openid mail.read" }),
  );
  const tokens = await refreshAccessToken({ token_endpoint, client, refresh_token: "rt-1" }, { fetch: as.fetch, now: () => 1000 });
  assert.deepEqual(tokens, { access_token: "at-2", refresh_token: "rt-2", expires_at: 1600, scope: "openid mail.read" });
  const [request] = as.requests;
  assert.ok(request);
  assert.equal(request.url, token_endpoint);
  assert.equal(request.body.get("grant_type"), "refresh_token");
  assert.equal(request.body.get("refresh_token"), "rt-1");
  assert.equal(request.body.get("client_secret"), null, "the secret goes in the Authorization header only");
  const basic = Buffer.from((request.headers.get("authorization") ?? "").replace(/^Basic /, ""), "base64").toString();
  assert.equal(basic, "dashboard:s3cret+with+space");
});

test("two concurrent refreshes of the same token send one token request (single flight)", async () => {
  const as = fakeTokenEndpoint((body) =>
    body.get("refresh_token") === "rt-1"
      ? Response.json({ access_token: "at-2", token_type: "Bearer", expires_in: 600, refresh_token: "rt-2" })
      : Response.json({ error: "invalid_grant", error_description: "refresh token reused" }, { status: 400 }),
  );
  const flight = createSingleFlight<RefreshedTokens>({ memoMs: 60_000 });
  const refresh = (refresh_token: string) =>
    flight.run(refresh_token, () => refreshAccessToken({ token_endpoint, client, refresh_token }, { fetch: as.fetch, now: () => 0 }));

  const [a, b] = await Promise.all([refresh("rt-1"), refresh("rt-1")]);
  assert.equal(as.requests.length, 1);
  assert.equal(a.refresh_token, "rt-2");
  assert.deepEqual(a, b);

  // A request that still carried the old cookie a moment later gets the same tokens, not a reuse.
  assert.deepEqual(await refresh("rt-1"), a);
  assert.equal(as.requests.length, 1);
});

test("RFC 6749 §5.2: invalid_grant becomes the shared InvalidGrant error", async () => {
  const as = fakeTokenEndpoint(() => Response.json({ error: "invalid_grant", error_description: "expired" }, { status: 400 }));
  await assert.rejects(
    refreshAccessToken({ token_endpoint, client, refresh_token: "old" }, { fetch: as.fetch, now: () => 0 }),
    (error: unknown) => error instanceof InvalidGrant && error.error_description === "expired",
  );
});

test("server errors and garbage are distinguishable from a refused grant", async () => {
  const serverError = fakeTokenEndpoint(() => Response.json({ error: "server_error" }, { status: 500 }));
  await assert.rejects(refreshAccessToken({ token_endpoint, client, refresh_token: "x" }, { fetch: serverError.fetch, now: () => 0 }), ServerError);
  const html = fakeTokenEndpoint(() => new Response("<h1>Bad gateway</h1>", { status: 502 }));
  await assert.rejects(refreshAccessToken({ token_endpoint, client, refresh_token: "x" }, { fetch: html.fetch, now: () => 0 }), TokenEndpointUnavailable);
  const down: typeof fetch = async () => {
    throw new TypeError("fetch failed");
  };
  await assert.rejects(refreshAccessToken({ token_endpoint, client, refresh_token: "x" }, { fetch: down, now: () => 0 }), TokenEndpointUnavailable);
  const noType = fakeTokenEndpoint(() => Response.json({ access_token: "a" }));
  await assert.rejects(refreshAccessToken({ token_endpoint, client, refresh_token: "x" }, { fetch: noType.fetch, now: () => 0 }), TokenEndpointUnavailable);
});
