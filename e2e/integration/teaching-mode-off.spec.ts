// Teaching mode is one explicit switch. With it off (a plain OAuth provider), the guided client, the
// trace endpoints and every demo control are absent, while the real clients work as before.
// This starts a second, separate lab (its own databases: in memory, or fresh ones on the PostgreSQL
// pass's server; ports + 100) with teaching mode off.

import { CLIENTS, TRACE_CAPABILITY_HEADER } from "@oauth-flow-lab/lab";
import { expect, test } from "@playwright/test";
import { stackConfig, testPortOffset } from "../../scripts/lib/config.ts";
import { type RunningStack, startStack } from "../../scripts/lib/stack.ts";
import { basicAuth, client, form, guidedClient, pkcePair } from "../support/lab.ts";

const plain = stackConfig(testPortOffset() + 100);
let stack: RunningStack | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  stack = await startStack({
    config: plain,
    dataDir: undefined,
    logs: "inherit",
    teaching: false,
    separateDatabases: true,
    progress: () => undefined,
  });
});

test.afterAll(async () => {
  await stack?.stop();
});

test("with teaching mode off there is no guided client, no trace and no demo control", async () => {
  const issuer = plain.issuer;
  // The trace endpoints do not exist, at the AS or the mail API.
  expect((await fetch(`${issuer}/trace`)).status).toBe(404);
  const register = form({ state_hash: "A".repeat(43) });
  const registered = await fetch(`${issuer}/trace`, {
    method: "POST",
    headers: { ...register.headers, authorization: basicAuth(guidedClient.client_id, guidedClient.client_secret) },
    body: register.body,
  });
  expect(registered.status).toBe(404);
  for (const path of ["/trace", "/trace/state"]) {
    expect((await fetch(`${plain.mailApiUrl}${path}`, { headers: { [TRACE_CAPABILITY_HEADER]: "A".repeat(43) } })).status, path).toBe(404);
  }
  expect((await fetch(`${issuer}/trace/rows`, { headers: { [TRACE_CAPABILITY_HEADER]: "A".repeat(43) } })).status).toBe(404);
  // Nor does the progress back channel of the teacher console, even for MailDash with its secret.
  const progress = await fetch(`${issuer}/console/progress`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: basicAuth(client.client_id, client.client_secret) },
    body: JSON.stringify({ sub: "x", activity: "guided", step: 1 }),
  });
  expect(progress.status).toBe(404);
  // Nor does the attack lab's naive endpoint.
  expect((await fetch(`${plain.mailApiUrl}/naive/v1/messages`, { headers: { authorization: "Bearer x.y.z" } })).status).toBe(404);

  // The guided client is not registered: its authorization request stops at the AS, never redirected.
  const { code_challenge } = pkcePair();
  const query = (client_id: string, redirect_uri: string) =>
    new URLSearchParams({
      response_type: "code",
      client_id,
      redirect_uri,
      scope: "openid mail.read",
      state: "s",
      code_challenge,
      code_challenge_method: "S256",
    });
  const guided = await fetch(
    `${issuer}/authorize?${query(CLIENTS.guided.client_id, CLIENTS.guided.redirect_uris(plain.dashboardUrl)[0] ?? "")}`,
    { redirect: "manual" },
  );
  expect(guided.status).toBe(400);
  expect(guided.headers.get("location")).toBeNull();
  const token = form({ grant_type: "refresh_token", refresh_token: "x" });
  const guidedToken = await fetch(`${issuer}/token`, {
    method: "POST",
    headers: { ...token.headers, authorization: basicAuth(guidedClient.client_id, guidedClient.client_secret) },
    body: token.body,
  });
  expect(guidedToken.status).toBe(401);
  // The real dashboard still signs in.
  const dashboard = await fetch(
    `${issuer}/authorize?${query(CLIENTS.dashboard.client_id, CLIENTS.dashboard.redirect_uris(plain.dashboardUrl)[0] ?? "")}`,
    { redirect: "manual" },
  );
  expect(dashboard.status).toBe(303);
  expect(dashboard.headers.get("location")).toContain("/interaction/");

  // The dashboard has no guided flow, no transcript and no demo control, and does not link to them.
  for (const path of [
    "/guided",
    "/guided/1",
    "/guided/callback?code=x&state=y",
    "/guided/transcript.json",
    "/attacks",
    "/attacks/2",
    "/attacks/evil-as/.well-known/oauth-authorization-server",
  ]) {
    expect((await fetch(`${plain.dashboardUrl}${path}`, { redirect: "manual" })).status, path).toBe(404);
  }
  for (const action of ["start", "expire-access-token"]) {
    const response = await fetch(`${plain.dashboardUrl}/guided/actions/${action}`, { method: "POST", redirect: "manual" });
    expect(response.status, action).toBe(404);
  }
  const home = await (await fetch(`${plain.dashboardUrl}/`)).text();
  expect(home).not.toContain('href="/guided');
  expect(home).not.toContain('href="/attacks');
});
