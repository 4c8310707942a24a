// Issue 9, "Accounts": sign-up at the AS (rules, throttle key, welcome mail from the mail API), the
// account page's "Sign out", a new login ending the browser's previous session, and "Connected apps"
// with "Revoke" (RFC 7009 §2.1 semantics: refresh tokens at once, access tokens within the mail API's
// introspection cache, LIFETIMES.introspection_cache). Real HTTP against the running lab.
import { randomBytes } from "node:crypto";
import { LIFETIMES } from "@oauth-flow-lab/lab";
import { expect, test } from "@playwright/test";
import { authorizationRequest, client, issuer, locationOf, mailApi, ScriptedUserAgent, tokenRequest } from "../support/lab.ts";

const origin = { origin: new URL(issuer).origin };

function newStudent() {
  const username = `student-${randomBytes(5).toString("hex")}`;
  return { username, name: "Ada Student", password: "a long class passphrase" };
}

async function signUp(
  agent: ScriptedUserAgent,
  fields: { username: string; name: string; password: string },
  headers: Record<string, string> = origin,
) {
  return locationOf(await agent.post(`${issuer}/signup/create`, fields, headers));
}

/** Logs in and allows like ScriptedUserAgent.authorize, then redeems the code. */
async function tokensFor(agent: ScriptedUserAgent, user: { username: string; password: string }) {
  const request = authorizationRequest();
  const callback = await agent.authorize(request.query, user);
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`no code in ${callback.href}`);
  const response = await tokenRequest({
    grant_type: "authorization_code",
    code,
    redirect_uri: client.redirect_uri,
    code_verifier: request.pkce.code_verifier,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { access_token: string; refresh_token: string };
}

async function listInbox(accessToken: string) {
  return fetch(`${mailApi}/v1/messages`, { headers: { authorization: `Bearer ${accessToken}` } });
}

async function accountPage(agent: ScriptedUserAgent): Promise<string> {
  const response = await agent.get(`${issuer}/account`);
  expect(response.status).toBe(200);
  return response.text();
}

function csrfOf(html: string): string {
  const match = /name="csrf_token" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("no csrf_token on the page");
  return match[1];
}

/** The AS session cookie the login form set, read from its answer. */
async function logInCapturingCookie(agent: ScriptedUserAgent, user: { username: string; password: string }): Promise<string> {
  // prompt=login: the login form even when this browser has a session (OIDC Core §3.1.2.1).
  const query = { ...authorizationRequest().query, prompt: "login" };
  const interaction = locationOf(await agent.get(`${issuer}/authorize?${new URLSearchParams(query)}`));
  const page = await (await agent.get(interaction)).text();
  expect(page).toContain('name="password"');
  const response = await agent.post(`${interaction.href}/login`, { csrf_token: csrfOf(page), ...user });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("as_session="));
  if (!cookie) throw new Error("the login set no session cookie");
  return (cookie.split(";")[0] ?? "").slice("as_session=".length);
}

test("sign-up refuses bad usernames, names and passwords with clear messages, and a cross-site form", async () => {
  const agent = new ScriptedUserAgent();
  const refused = await signUp(agent, { username: "a b", name: "", password: "short" });
  expect(refused.pathname).toBe("/signup");
  expect(refused.searchParams.get("username_error")).toBe("username_pattern");
  expect(refused.searchParams.get("name_error")).toBe("name");
  expect(refused.searchParams.get("password_error")).toBe("password_short");
  expect(refused.searchParams.has("password")).toBe(false);
  const page = await (await agent.get(refused)).text();
  expect(page).toContain("Choose a username of 3 to 32 characters");
  expect(page).toContain("Use a password of at least 12 characters.");

  const student = newStudent();
  const withName = await signUp(agent, { ...student, password: `my ${student.username} password` });
  expect(withName.searchParams.get("password_error")).toBe("password_username");
  expect(await (await agent.get(withName)).text()).toContain("The password must not contain your username.");
  expect((await signUp(agent, { ...student, password: "Password1234" })).searchParams.get("password_error")).toBe("password_common");
  // Unique case-insensitively: "ALICE" is alice.
  const taken = await signUp(agent, { ...newStudent(), username: "ALICE" });
  expect(taken.searchParams.get("username_error")).toBe("username_taken");
  expect(await (await agent.get(taken)).text()).toContain("This username is taken.");
  // No Origin (or another site's): refused before anything is read.
  expect((await signUp(agent, newStudent(), {})).searchParams.get("error")).toBe("csrf");
  expect((await signUp(agent, newStudent(), { origin: "https://evil.example" })).searchParams.get("error")).toBe("csrf");
  const crossSite = { origin: "null", "sec-fetch-site": "cross-site" };
  expect((await signUp(agent, newStudent(), crossSite)).searchParams.get("error")).toBe("csrf");
});

test("a new account logs in, gets tokens, and the mail API lists its welcome messages", async () => {
  const agent = new ScriptedUserAgent();
  const student = newStudent();
  const created = await signUp(agent, { ...student, username: student.username.toUpperCase() });
  expect(created.searchParams.get("created")).toBe(student.username);
  expect(await (await agent.get(created)).text()).toContain("Your account is ready");

  const tokens = await tokensFor(agent, student);
  const first = await listInbox(tokens.access_token);
  expect(first.status).toBe(200);
  const inbox = (await first.json()) as { messages: { id: string; subject: string }[] };
  expect(inbox.messages.map((m) => m.subject)).toContain("Welcome to LabMail");
  // Idempotent: a second call (and parallel ones) finds the same messages, not more.
  const again = await Promise.all([listInbox(tokens.access_token), listInbox(tokens.access_token)]);
  for (const response of again) {
    const body = (await response.json()) as { messages: { id: string }[] };
    expect(body.messages.map((m) => m.id).sort()).toEqual(inbox.messages.map((m) => m.id).sort());
  }
});

test("sign out ends the AS session: the account page no longer knows the user and /authorize asks for a login", async () => {
  const agent = new ScriptedUserAgent();
  const student = newStudent();
  await signUp(agent, student);
  await tokensFor(agent, student);
  const page = await accountPage(agent);
  expect(page).toContain("Signed in as");
  expect(page).toContain(student.username);

  // A wrong CSRF token changes nothing.
  expect(locationOf(await agent.post(`${issuer}/account/sign-out`, { csrf_token: "forged" })).search).toBe("?notice=csrf");
  expect(await accountPage(agent)).toContain("Signed in as");

  const out = await agent.post(`${issuer}/account/sign-out`, { csrf_token: csrfOf(page) });
  expect(locationOf(out).search).toBe("?notice=signed-out");
  expect(out.headers.getSetCookie().some((c) => /^as_session=;.*Max-Age=0/i.test(c))).toBe(true);
  expect(await accountPage(agent)).toContain("You are not signed in");
  const next = locationOf(await agent.get(`${issuer}/authorize?${new URLSearchParams(authorizationRequest().query)}`));
  expect(next.href.startsWith(`${issuer}/interaction/`)).toBe(true);
  expect(await (await agent.get(next)).text()).toContain('name="password"');
});

test("a second login in the same browser ends the first session: its old cookie no longer works", async () => {
  const agent = new ScriptedUserAgent();
  const student = newStudent();
  await signUp(agent, student);
  const firstCookie = await logInCapturingCookie(agent, student);
  const withCookie = (value: string) => fetch(`${issuer}/account`, { headers: { cookie: `as_session=${value}` } }).then((r) => r.text());
  expect(await withCookie(firstCookie)).toContain("Signed in as");

  const secondCookie = await logInCapturingCookie(agent, student);
  expect(secondCookie).not.toBe(firstCookie);
  expect(await withCookie(firstCookie)).toContain("You are not signed in");
  expect(await withCookie(secondCookie)).toContain("Signed in as");
});

test("revoking a connected app ends its refresh token at once and its access token within the introspection cache", async () => {
  const agent = new ScriptedUserAgent();
  const student = newStudent();
  await signUp(agent, student);
  const tokens = await tokensFor(agent, student);
  expect((await listInbox(tokens.access_token)).status).toBe(200);

  const page = await accountPage(agent);
  expect(page).toContain("Connected apps");
  expect(page).toContain("MailDash");
  expect(page).toContain("Read your mail");
  expect(page).toContain("last used");

  const revoked = await agent.post(`${issuer}/account/revoke`, { csrf_token: csrfOf(page), client_id: client.client_id });
  expect(locationOf(revoked).search).toBe("?notice=revoked");
  expect(await accountPage(agent)).toContain("No application has access to your account.");

  const refresh = await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
  expect(refresh.status).toBe(400);
  expect(((await refresh.json()) as { error: string }).error).toBe("invalid_grant");

  const started = Date.now();
  await expect
    .poll(async () => (await listInbox(tokens.access_token)).status, {
      timeout: (LIFETIMES.introspection_cache.seconds + 2) * 1000,
      intervals: [250],
    })
    .toBe(401);
  expect(Date.now() - started).toBeLessThanOrEqual((LIFETIMES.introspection_cache.seconds + 2) * 1000);
});
