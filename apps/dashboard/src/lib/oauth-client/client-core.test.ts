import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { InvalidClient, InvalidGrant } from "@oauth-flow-lab/oauth";
import { buildAuthorizationUrl, prepareAuthorizationRequest } from "./authorization-request.ts";
import { validateAuthorizationResponse } from "./authorization-response.ts";
import { exchangeAuthorizationCode } from "./code-exchange.ts";
import { discoverAuthorizationServer } from "./discovery.ts";
import { basicCredentials, fakeAuthorizationServer, ISSUER, METADATA, signIdToken } from "./fake-authorization-server.ts";
import { requestProtectedResource } from "./resource-request.ts";
import { revokeToken } from "./revocation.ts";
import { requestUserInfo } from "./userinfo.ts";

const guided = { client_id: "maildash-guided", client_secret: "guided secret/+" };
const redirect_uri = "http://127.0.0.1:3000/guided/callback";

test("OpenID Connect Discovery §4.3: the metadata is accepted only for the issuer we asked about", async () => {
  const as = fakeAuthorizationServer({});
  assert.equal((await discoverAuthorizationServer(ISSUER, { fetch: as.fetch })).token_endpoint, METADATA.token_endpoint);
  assert.equal(as.requests[0]?.url, `${ISSUER}/.well-known/openid-configuration`);
  const impostor = fakeAuthorizationServer({}, { ...METADATA, issuer: "http://evil.example" });
  await assert.rejects(discoverAuthorizationServer(ISSUER, { fetch: impostor.fetch }));
});

test("RFC 6749 §4.1.1 / RFC 7636 §4.3: the authorization URL carries the S256 challenge of the verifier, state and nonce", async () => {
  const prepared = await prepareAuthorizationRequest();
  assert.match(prepared.code_verifier, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(prepared.code_challenge, createHash("sha256").update(prepared.code_verifier).digest("base64url"));
  const url = buildAuthorizationUrl(
    METADATA,
    { client_id: guided.client_id, redirect_uri, scope: "openid mail.read", prompt: "consent" },
    prepared,
  );
  assert.equal(url.origin + url.pathname, METADATA.authorization_endpoint);
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    response_type: "code",
    client_id: guided.client_id,
    redirect_uri,
    scope: "openid mail.read",
    state: prepared.state,
    code_challenge: prepared.code_challenge,
    code_challenge_method: "S256",
    nonce: prepared.nonce,
    prompt: "consent",
  });
  assert.equal(url.searchParams.has("code_verifier"), false, "the verifier never leaves the server in step 2");
});

async function callback(state = "st") {
  return validateAuthorizationResponse(METADATA, guided.client_id, new URLSearchParams({ code: "c0de", state, iss: ISSUER }), state);
}

test("RFC 6749 §4.1.3: the code exchange sends client_secret_basic for the guided client, the code, redirect_uri and the PKCE verifier", async () => {
  const id_token = await signIdToken({ sub: "alice", aud: guided.client_id, nonce: "n-1" });
  const as = fakeAuthorizationServer({
    "/token": () =>
      Response.json({ access_token: "at", token_type: "Bearer", expires_in: 600, refresh_token: "rt", id_token, scope: "openid" }),
  });
  const { tokens, id_token_claims } = await exchangeAuthorizationCode(
    METADATA,
    { client: guided, callback: await callback(), redirect_uri, code_verifier: "the-verifier", nonce: "n-1" },
    { fetch: as.fetch },
  );
  assert.equal(tokens.access_token, "at");
  assert.equal(id_token_claims?.sub, "alice");
  const [request] = as.requests;
  assert.ok(request);
  assert.equal(request.url, METADATA.token_endpoint);
  const credentials = basicCredentials(request.headers);
  assert.deepEqual(
    { client_id: credentials.client_id, client_secret: credentials.client_secret },
    guided,
    "the guided client's own credentials",
  );
  assert.ok(!credentials.raw.includes(" ") && !credentials.raw.includes("/"), "RFC 6749 §2.3.1: form-encoded before Basic");
  const body = new URLSearchParams(request.body);
  assert.equal(body.get("grant_type"), "authorization_code");
  assert.equal(body.get("code"), "c0de");
  assert.equal(body.get("redirect_uri"), redirect_uri);
  assert.equal(body.get("code_verifier"), "the-verifier");
  assert.equal(body.get("client_secret"), null);
  assert.equal(body.get("client_id"), null);
});

test("OpenID Connect Core §3.1.3.7: an ID token with another nonce, or for another audience, is refused", async () => {
  for (const claims of [
    { sub: "alice", aud: guided.client_id, nonce: "someone-else" },
    { sub: "alice", aud: "dashboard", nonce: "n-1" },
  ]) {
    const id_token = await signIdToken(claims);
    const as = fakeAuthorizationServer({ "/token": () => Response.json({ access_token: "at", token_type: "Bearer", id_token }) });
    await assert.rejects(
      exchangeAuthorizationCode(
        METADATA,
        { client: guided, callback: await callback(), redirect_uri, code_verifier: "v", nonce: "n-1" },
        { fetch: as.fetch },
      ),
      (error: unknown) => error instanceof Error && !(error instanceof InvalidGrant),
    );
  }
});

test("RFC 6749 §5.2: a refused code is the shared InvalidGrant error", async () => {
  const as = fakeAuthorizationServer({
    "/token": () => Response.json({ error: "invalid_grant", error_description: "code already used" }, { status: 400 }),
  });
  await assert.rejects(
    exchangeAuthorizationCode(
      METADATA,
      { client: guided, callback: await callback(), redirect_uri, code_verifier: "v", nonce: "n" },
      { fetch: as.fetch },
    ),
    InvalidGrant,
  );
});

test("OpenID Connect Core §5.3: userinfo with the Bearer token; a different sub is refused (§5.3.2)", async () => {
  const as = fakeAuthorizationServer({ "/userinfo": () => Response.json({ sub: "alice", name: "Alice" }) });
  const claims = await requestUserInfo(
    METADATA,
    { client_id: guided.client_id, access_token: "at", expected_sub: "alice" },
    { fetch: as.fetch },
  );
  assert.equal(claims.name, "Alice");
  assert.equal(as.requests[0]?.headers.get("authorization"), "Bearer at");
  await assert.rejects(
    requestUserInfo(METADATA, { client_id: guided.client_id, access_token: "at", expected_sub: "bob" }, { fetch: as.fetch }),
  );
});

test("RFC 7009 §2.1: revocation sends token and token_type_hint with client_secret_basic", async () => {
  const as = fakeAuthorizationServer({ "/revoke": () => new Response(null, { status: 200 }) });
  await revokeToken(METADATA, { client: guided, token: "rt", token_type_hint: "refresh_token" }, { fetch: as.fetch });
  const [request] = as.requests;
  assert.ok(request);
  assert.equal(request.url, METADATA.revocation_endpoint);
  assert.deepEqual(Object.fromEntries(new URLSearchParams(request.body)), { token: "rt", token_type_hint: "refresh_token" });
  assert.equal(basicCredentials(request.headers).client_secret, guided.client_secret);

  const refused = fakeAuthorizationServer({
    "/revoke": () => Response.json({ error: "invalid_client" }, { status: 401, headers: { "www-authenticate": 'Basic realm="revoke"' } }),
  });
  await assert.rejects(
    revokeToken(METADATA, { client: guided, token: "rt", token_type_hint: "refresh_token" }, { fetch: refused.fetch }),
    InvalidClient,
  );
});

test("RFC 6750 §3: a 401 from the resource server is returned as an answer, not thrown", async () => {
  const api = fakeAuthorizationServer({
    "/v1/messages": () => new Response(null, { status: 401, headers: { "www-authenticate": 'Bearer error="invalid_token"' } }),
  });
  const response = await requestProtectedResource("at", new URL(`${ISSUER}/v1/messages`), { fetch: api.fetch });
  assert.equal(response.status, 401);
  assert.equal(api.requests[0]?.headers.get("authorization"), "Bearer at");
});
