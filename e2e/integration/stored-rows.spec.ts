// The teaching views of stored state: GET /trace/rows at the AS (its rows for one guided flow, as
// stored) and GET /trace/state at the mail API (what it keeps: introspection cache entries, JWKS).
// Same rule as the trace: only with the flow's capability, only in teaching mode, and no secret in them.
import { createHash, randomBytes } from "node:crypto";
import { TRACE_CAPABILITY_HEADER } from "@oauth-flow-lab/lab";
import { expect, test } from "@playwright/test";
import { authorizationRequest, basicAuth, form, guidedClient, issuer, mailApi, ScriptedUserAgent } from "../support/lab.ts";

const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");

type Rows = {
  interaction: { id: string; client_id: string; params: Record<string, unknown>; expires_at: string; completed_at: string | null } | null;
  authorization_codes: { code_hash: string; expires_at: string; consumed_at: string | null }[];
  grant: { id: string; scope: string; auth_time: string; revoked_at: string | null } | null;
  refresh_tokens: { token_hash: string; created_at: string; used_at: string | null; revoked_at: string | null; expires_at: string }[];
  access_tokens: { jti: string; expires_at: string; revoked_at: string | null }[];
};
type State = {
  token_table: false;
  token_table_note: string;
  introspection_cache: { jti: string; entry: { active: true; age_seconds: number; asks_again_in_seconds: number } | null }[];
  jwks: { fetched_at: string; keys: { kid: string | null; alg: string | null }[] } | null;
};

async function read<T>(url: string, capability: string | undefined): Promise<{ status: number; text: string; body: T }> {
  const response = await fetch(url, { headers: capability === undefined ? {} : { [TRACE_CAPABILITY_HEADER]: capability } });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as T };
}
const rowsOf = (capability: string | undefined) => read<Rows>(`${issuer}/trace/rows`, capability);
const stateOf = (capability: string | undefined) => read<State>(`${mailApi}/trace/state`, capability);

/** POST a form to the AS as the guided client, with the flow's capability on the back channel. */
function asGuided(path: string, params: Record<string, string>, capability: string) {
  const body = form(params);
  return fetch(`${issuer}${path}`, {
    method: "POST",
    headers: {
      ...body.headers,
      authorization: basicAuth(guidedClient.client_id, guidedClient.client_secret),
      [TRACE_CAPABILITY_HEADER]: capability,
    },
    body: body.body,
  });
}

/** A guided flow up to the callback, registered as the guided client (like the dashboard does). */
async function tracedFlow() {
  const request = authorizationRequest(undefined, guidedClient);
  const registered = await fetch(`${issuer}/trace`, {
    method: "POST",
    ...(() => {
      const body = form({ state_hash: sha256(request.state) });
      return {
        headers: { ...body.headers, authorization: basicAuth(guidedClient.client_id, guidedClient.client_secret) },
        body: body.body,
      };
    })(),
  });
  expect(registered.status).toBe(201);
  const { trace_id } = (await registered.json()) as { trace_id: string };
  const callback = await new ScriptedUserAgent().authorize({ ...request.query, prompt: "consent" });
  const code = callback.searchParams.get("code") ?? "";
  expect(code).not.toBe("");
  return { request, trace_id, code };
}

test("the AS's rows and the mail API's state follow the flow, as stored, and never hold a secret", async () => {
  const flow = await tracedFlow();

  // After consent: the interaction (completed), the code as its hash (not spent), the grant.
  let rows = await rowsOf(flow.trace_id);
  expect(rows.status).toBe(200);
  expect(rows.body.interaction).toMatchObject({ client_id: guidedClient.client_id, params: { state: flow.request.state } });
  expect(rows.body.interaction?.completed_at).not.toBeNull();
  expect(rows.body.authorization_codes).toEqual([expect.objectContaining({ code_hash: sha256(flow.code), consumed_at: null })]);
  expect(rows.body.grant).toMatchObject({ revoked_at: null, scope: expect.stringContaining("offline_access") });
  expect(rows.body.refresh_tokens).toEqual([]);
  // The mail API has seen nothing of this flow yet.
  expect((await stateOf(flow.trace_id)).status).toBe(404);

  // The code exchange: the code is spent, one refresh token (its hash), one access token (its jti).
  const issued = await asGuided(
    "/token",
    {
      grant_type: "authorization_code",
      code: flow.code,
      redirect_uri: guidedClient.redirect_uri,
      code_verifier: flow.request.pkce.code_verifier,
    },
    flow.trace_id,
  );
  expect(issued.status).toBe(200);
  const tokens = (await issued.json()) as { access_token: string; refresh_token: string };
  const jti = (JSON.parse(Buffer.from(tokens.access_token.split(".")[1] ?? "", "base64url").toString()) as { jti: string }).jti;
  rows = await rowsOf(flow.trace_id);
  expect(rows.body.authorization_codes[0]?.consumed_at).not.toBeNull();
  expect(rows.body.refresh_tokens).toEqual([
    expect.objectContaining({ token_hash: sha256(tokens.refresh_token), used_at: null, revoked_at: null }),
  ]);
  expect(rows.body.access_tokens).toEqual([expect.objectContaining({ jti, revoked_at: null })]);

  // The mail API: the introspection answer it remembers for this jti, with its age; the JWKS it fetched.
  const call = await fetch(`${mailApi}/v1/messages?limit=1`, {
    headers: { authorization: `Bearer ${tokens.access_token}`, [TRACE_CAPABILITY_HEADER]: flow.trace_id },
  });
  expect(call.status).toBe(200);
  const state = await stateOf(flow.trace_id);
  expect(state.status).toBe(200);
  expect(state.body.token_table).toBe(false);
  expect(state.body.introspection_cache).toEqual([
    { jti, entry: expect.objectContaining({ active: true, age_seconds: expect.any(Number) }) },
  ]);
  expect(state.body.jwks?.keys.length).toBeGreaterThan(0);
  expect(state.body.jwks?.keys[0]?.alg).toBe("ES256");

  // Refresh: the old row is marked rotated (used_at), a new one joins the family.
  const refreshed = await asGuided("/token", { grant_type: "refresh_token", refresh_token: tokens.refresh_token }, flow.trace_id);
  expect(refreshed.status).toBe(200);
  const second = (await refreshed.json()) as { access_token: string; refresh_token: string };
  rows = await rowsOf(flow.trace_id);
  expect(rows.body.refresh_tokens.map((t) => t.token_hash)).toEqual([sha256(tokens.refresh_token), sha256(second.refresh_token)]);
  expect(rows.body.refresh_tokens[0]?.used_at).not.toBeNull();
  expect(rows.body.refresh_tokens[1]?.used_at).toBeNull();
  expect(rows.body.access_tokens).toHaveLength(2);

  // Revoke: the family and the grant show as revoked.
  expect((await asGuided("/revoke", { token: second.refresh_token, token_type_hint: "refresh_token" }, flow.trace_id)).status).toBe(200);
  rows = await rowsOf(flow.trace_id);
  for (const t of rows.body.refresh_tokens) expect(t.revoked_at).not.toBeNull();
  expect(rows.body.grant?.revoked_at).not.toBeNull();
  for (const t of rows.body.access_tokens) expect(t.revoked_at).not.toBeNull();

  // No secret in either answer: not the code, a refresh token, an access token, the client secret or the verifier.
  const secrets = [
    flow.code,
    tokens.refresh_token,
    second.refresh_token,
    tokens.access_token,
    second.access_token,
    guidedClient.client_secret,
    flow.request.pkce.code_verifier,
    flow.trace_id,
  ];
  for (const text of [rows.text, state.text, (await stateOf(flow.trace_id)).text]) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
});

test("without the flow's capability, or with a guessed one, both views answer 404", async () => {
  const flow = await tracedFlow();
  expect((await rowsOf(flow.trace_id)).status).toBe(200);
  const tokens = (await (
    await asGuided(
      "/token",
      {
        grant_type: "authorization_code",
        code: flow.code,
        redirect_uri: guidedClient.redirect_uri,
        code_verifier: flow.request.pkce.code_verifier,
      },
      flow.trace_id,
    )
  ).json()) as { access_token: string };
  await fetch(`${mailApi}/v1/messages?limit=1`, {
    headers: { authorization: `Bearer ${tokens.access_token}`, [TRACE_CAPABILITY_HEADER]: flow.trace_id },
  });
  expect((await stateOf(flow.trace_id)).status).toBe(200);

  // A classmate knows the state (it is on the projector); the views are not keyed by it.
  const guesses = [undefined, sha256(flow.request.state), flow.request.state, randomBytes(32).toString("base64url"), "", "x".repeat(43)];
  for (const guess of guesses) {
    const rows = await rowsOf(guess);
    expect(rows.status, `rows with ${guess}`).toBe(404);
    expect(rows.body).toEqual({ error: "not_found" });
    expect((await stateOf(guess)).status, `state with ${guess}`).toBe(404);
  }
});
