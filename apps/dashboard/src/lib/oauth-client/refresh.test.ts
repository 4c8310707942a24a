import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidClient, InvalidGrant, ServerError } from "@oauth-flow-lab/oauth";
import { createSingleFlight } from "../oauth/single-flight.ts";
import { basicCredentials, fakeAuthorizationServer, METADATA } from "./fake-authorization-server.ts";
import { type RefreshedTokens, refreshAccessToken, TokenEndpointUnavailable } from "./refresh.ts";

const client = { client_id: "dashboard", client_secret: "s3cret with space" };
const refresh = (fetch: typeof globalThis.fetch, refresh_token: string, now = 0) =>
  refreshAccessToken(METADATA, { client, refresh_token }, { http: { fetch }, now: () => now });

test("RFC 6749 §6: grant_type=refresh_token with client_secret_basic; a rotated refresh token is returned", async () => {
  const as = fakeAuthorizationServer({
    "/token": () =>
      Response.json({ access_token: "at-2", token_type: "Bearer", expires_in: 600, refresh_token: "rt-2", scope: "openid mail.read" }),
  });
  const tokens = await refresh(as.fetch, "rt-1", 1000);
  assert.deepEqual(tokens, { access_token: "at-2", refresh_token: "rt-2", expires_at: 1600, scope: "openid mail.read" });
  const [request] = as.requests;
  assert.ok(request);
  assert.equal(request.url, METADATA.token_endpoint);
  assert.equal(request.method, "POST");
  const body = new URLSearchParams(request.body);
  assert.equal(body.get("grant_type"), "refresh_token");
  assert.equal(body.get("refresh_token"), "rt-1");
  assert.equal(body.get("client_secret"), null, "the secret goes in the Authorization header only");
  const credentials = basicCredentials(request.headers);
  assert.equal(credentials.raw, "dashboard:s3cret+with+space", "RFC 6749 §2.3.1: form-encoded before Basic");
  assert.equal(credentials.client_secret, client.client_secret);
});

test("two concurrent refreshes of the same token send one token request (single flight)", async () => {
  const as = fakeAuthorizationServer({
    "/token": ({ body }) =>
      new URLSearchParams(body).get("refresh_token") === "rt-1"
        ? Response.json({ access_token: "at-2", token_type: "Bearer", expires_in: 600, refresh_token: "rt-2" })
        : Response.json({ error: "invalid_grant", error_description: "refresh token reused" }, { status: 400 }),
  });
  const flight = createSingleFlight<RefreshedTokens>({ memoMs: 60_000 });
  const run = (refresh_token: string) => flight.run(refresh_token, () => refresh(as.fetch, refresh_token));

  const [a, b] = await Promise.all([run("rt-1"), run("rt-1")]);
  assert.equal(as.requests.length, 1);
  assert.equal(a.refresh_token, "rt-2");
  assert.deepEqual(a, b);

  // A request that still carried the old cookie a moment later gets the same tokens, not a reuse.
  assert.deepEqual(await run("rt-1"), a);
  assert.equal(as.requests.length, 1);
});

test("RFC 6749 §5.2: invalid_grant becomes the shared InvalidGrant error", async () => {
  const as = fakeAuthorizationServer({
    "/token": () => Response.json({ error: "invalid_grant", error_description: "expired" }, { status: 400 }),
  });
  await assert.rejects(
    refresh(as.fetch, "old"),
    (error: unknown) => error instanceof InvalidGrant && error.error_description === "expired",
  );
});

test("RFC 6749 §5.2: a 401 invalid_client with a Basic challenge is InvalidClient, not an outage", async () => {
  const as = fakeAuthorizationServer({
    "/token": () =>
      Response.json(
        { error: "invalid_client", error_description: "client authentication failed" },
        { status: 401, headers: { "www-authenticate": 'Basic realm="token", charset="UTF-8"' } },
      ),
  });
  await assert.rejects(refresh(as.fetch, "x"), InvalidClient);
});

test("server errors and garbage are distinguishable from a refused grant", async () => {
  // RFC 6749 §5.2 error responses are 400/401; oauth4webapi reads a 5xx as no OAuth answer at all,
  // so the session is kept and retried (session-renewal.ts), as for any outage.
  const serverError = fakeAuthorizationServer({ "/token": () => Response.json({ error: "server_error" }, { status: 500 }) });
  await assert.rejects(
    refresh(serverError.fetch, "x"),
    (error: unknown) => error instanceof TokenEndpointUnavailable && !(error instanceof ServerError),
  );
  const html = fakeAuthorizationServer({ "/token": () => new Response("<h1>Bad gateway</h1>", { status: 502 }) });
  await assert.rejects(refresh(html.fetch, "x"), TokenEndpointUnavailable);
  const down: typeof fetch = async () => {
    throw new TypeError("fetch failed");
  };
  await assert.rejects(refresh(down, "x"), TokenEndpointUnavailable);
  const noType = fakeAuthorizationServer({ "/token": () => Response.json({ access_token: "a" }) });
  await assert.rejects(refresh(noType.fetch, "x"), TokenEndpointUnavailable);
});
