// Issue 10, "Teacher console": class accounts with one-time passwords (printed once, changed at the
// first login before any code is issued), disable and reset, the first teacher made by the CLI, and the
// class progress MailDash reports over its authenticated back channel. Real HTTP against the running lab.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { DEMO_USERS, TEACHER_CONSOLE } from "@oauth-flow-lab/lab";
import { expect, test } from "@playwright/test";
import {
  alice,
  authDatabaseUrl,
  authorizationRequest,
  basicAuth,
  client,
  guidedClient,
  issuer,
  locationOf,
  ScriptedUserAgent,
  tokenRequest,
} from "../support/lab.ts";

const teacher = DEMO_USERS.find((u) => u.role === "teacher") ?? DEMO_USERS[0];
const sameSite = { origin: new URL(issuer).origin };

function csrfOf(html: string): string {
  const match = /name="csrf_token" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("no csrf_token on the page");
  return match[1];
}

/** An agent signed in at the AS as `user` (through the dashboard's authorization request). */
async function signedIn(user: { username: string; password: string }): Promise<ScriptedUserAgent> {
  const agent = new ScriptedUserAgent();
  const callback = await agent.authorize(authorizationRequest().query, user);
  expect(callback.searchParams.get("code"), callback.href).toBeTruthy();
  return agent;
}

async function consoleCsrf(agent: ScriptedUserAgent): Promise<string> {
  const page = await agent.get(`${issuer}/console`);
  expect(page.status).toBe(200);
  return csrfOf(await page.text());
}

type Slip = { name: string; username: string; password: string };

function slipsOf(html: string): Slip[] {
  return [
    ...html.matchAll(/<h2>([^<]*)<\/h2><dl>\s*<dt>Username<\/dt><dd>([^<]*)<\/dd>\s*<dt>One-time password<\/dt><dd>([^<]*)<\/dd>/g),
  ].map((m) => ({ name: m[1] ?? "", username: m[2] ?? "", password: m[3] ?? "" }));
}

async function createAccounts(agent: ScriptedUserAgent, names: string[]): Promise<Slip[]> {
  const response = await agent.post(
    `${issuer}/console/accounts`,
    { csrf_token: await consoleCsrf(agent), names: names.join("\n") },
    sameSite,
  );
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toContain("no-store");
  const slips = slipsOf(await response.text());
  expect(slips).toHaveLength(names.length);
  return slips;
}

/** A unique name per run: the usernames derived from it are then predictable (usernames.ts). */
const uniqueName = (first: string) => `${first} T${randomBytes(4).toString("hex")}`;

/**
 * A first login with a one-time password: the "choose your password" page, where a consent POST issues
 * nothing and no session starts; then the change, the consent, and the code.
 */
async function firstLogin(agent: ScriptedUserAgent, slip: { username: string; password: string }, newPassword: string) {
  const request = authorizationRequest();
  const interaction = locationOf(await agent.get(`${issuer}/authorize?${new URLSearchParams(request.query)}`));
  const login = await agent.post(`${interaction.href}/login`, {
    csrf_token: csrfOf(await (await agent.get(interaction)).text()),
    username: slip.username,
    password: slip.password,
  });
  expect(locationOf(login).href).toBe(interaction.href);
  expect(login.headers.getSetCookie().some((c) => c.startsWith("as_session="))).toBe(false);
  const page = await (await agent.get(interaction)).text();
  expect(page).toContain("Choose your password");
  expect(page).not.toContain('value="allow"');
  // No code before the change, even by posting the consent form directly.
  const early = await agent.post(`${interaction.href}/consent`, { csrf_token: csrfOf(page), decision: "allow" });
  expect(locationOf(early).href).toBe(interaction.href);
  // The rules of sign-up apply; the reason comes back, never the password.
  const weak = locationOf(
    await agent.post(`${interaction.href}/password`, { csrf_token: csrfOf(page), new_password: "short", confirm_password: "short" }),
  );
  expect(weak.searchParams.get("password_error")).toBe("password_short");
  expect(weak.searchParams.has("new_password")).toBe(false);
  const changed = await agent.post(`${interaction.href}/password`, {
    csrf_token: csrfOf(page),
    new_password: newPassword,
    confirm_password: newPassword,
  });
  expect(changed.headers.getSetCookie().some((c) => c.startsWith("as_session="))).toBe(true);
  const consent = await (await agent.get(locationOf(changed))).text();
  const callback = locationOf(await agent.post(`${interaction.href}/consent`, { csrf_token: csrfOf(consent), decision: "allow" }));
  const code = callback.searchParams.get("code");
  expect(code, callback.href).toBeTruthy();
  const tokens = await tokenRequest({
    grant_type: "authorization_code",
    code: code ?? "",
    redirect_uri: client.redirect_uri,
    code_verifier: request.pkce.code_verifier,
  });
  expect(tokens.status).toBe(200);
  return (await tokens.json()) as { access_token: string; refresh_token: string };
}

/** A login attempt at a fresh interaction: "ok" when it got past the password, else the page's error. */
async function tryLogin(user: { username: string; password: string }): Promise<string> {
  const agent = new ScriptedUserAgent();
  const interaction = locationOf(await agent.get(`${issuer}/authorize?${new URLSearchParams(authorizationRequest().query)}`));
  const response = await agent.post(`${interaction.href}/login`, {
    csrf_token: csrfOf(await (await agent.get(interaction)).text()),
    ...user,
  });
  return locationOf(response).searchParams.get("error") ?? "ok";
}

function report(body: unknown, authorization = basicAuth(client.client_id, client.client_secret)) {
  return fetch(`${issuer}/console/progress`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization },
    body: JSON.stringify(body),
  });
}

test("non-teachers are refused on every console route, anonymous or signed in; the page sends them to their account", async () => {
  const student = await signedIn(alice);
  for (const agent of [new ScriptedUserAgent(), student]) {
    const page = await agent.get(`${issuer}/console`);
    expect([302, 303, 307]).toContain(page.status);
    expect(new URL(page.headers.get("location") ?? "", issuer).href).toBe(`${issuer}/account?notice=teachers-only`);
    expect((await agent.get(`${issuer}/console/progress`)).status).toBe(403);
    expect((await agent.post(`${issuer}/console/accounts`, { names: "Eve Intruder" }, sameSite)).status).toBe(403);
    for (const action of ["disable", "enable", "reset"]) {
      expect((await agent.post(`${issuer}/console/students/${DEMO_USERS[1].sub}/${action}`, {}, sameSite)).status, action).toBe(403);
    }
  }
  expect(await (await student.get(`${issuer}/account?notice=teachers-only`)).text()).toContain("The teacher console is for teachers");
  // The account page links the console for teachers only.
  expect(await (await student.get(`${issuer}/account`)).text()).not.toContain('href="/console"');
  expect(await (await (await signedIn(teacher)).get(`${issuer}/account`)).text()).toContain('href="/console"');
});

test("console forms are CSRF-protected: a missing or foreign token, or a cross-site post, creates nothing", async () => {
  const agent = await signedIn(teacher);
  const token = await consoleCsrf(agent);
  const name = uniqueName("Mallory");
  const attempts: [Record<string, string>, Record<string, string>][] = [
    [{ names: name }, sameSite],
    [{ names: name, csrf_token: "forged" }, sameSite],
    [{ names: name, csrf_token: token }, {}],
    [
      { names: name, csrf_token: token },
      { origin: "null", "sec-fetch-site": "cross-site" },
    ],
  ];
  for (const [fields, headers] of attempts) {
    const response = await agent.post(`${issuer}/console/accounts`, fields, headers);
    expect(locationOf(response).href).toBe(`${issuer}/console?notice=csrf`);
  }
  expect(await (await agent.get(`${issuer}/console`)).text()).not.toContain(name.split(" ")[1] ?? "");
});

test("bulk creation: one account per name, a printable sheet shown once; first login changes the password before any code", async () => {
  const agent = await signedIn(teacher);
  const ada = uniqueName("Ada");
  const grace = uniqueName("Grace");
  // The same name twice: the second gets "2" (usernames.ts).
  const slips = await createAccounts(agent, [ada, ada, grace]);
  const base = `ada.${ada.split(" ")[1]?.toLowerCase()}`;
  expect(slips.map((s) => s.username)).toEqual([base, `${base}2`, `grace.${grace.split(" ")[1]?.toLowerCase()}`]);
  expect(new Set(slips.map((s) => s.password)).size).toBe(3);
  for (const s of slips) expect(s.password.replaceAll("-", "")).toHaveLength(TEACHER_CONSOLE.oneTimePasswordLength);

  // The console lists them without their passwords.
  const page = await (await agent.get(`${issuer}/console`)).text();
  for (const s of slips) {
    expect(page).toContain(s.username);
    expect(page).not.toContain(s.password);
  }

  const [slip] = slips;
  if (!slip) throw new Error("no slip");
  const student = new ScriptedUserAgent();
  await firstLogin(student, slip, "violet harbour compass");
  // The one-time password no longer works; the new one does, without asking again.
  expect(await tryLogin(slip)).toBe("credentials");
  expect(await tryLogin({ username: slip.username, password: "violet harbour compass" })).toBe("ok");
});

test("disable ends the student's sessions and grants and refuses the login; reset issues a new one-time password", async () => {
  const agent = await signedIn(teacher);
  const [slip] = await createAccounts(agent, [uniqueName("Hedy")]);
  if (!slip) throw new Error("no slip");
  const student = new ScriptedUserAgent();
  const tokens = await firstLogin(student, slip, "quiet meadow lantern");
  expect(await (await student.get(`${issuer}/account`)).text()).toContain("Signed in as");
  const progress = (await (await agent.get(`${issuer}/console/progress`)).json()) as { students: { id: string; username: string }[] };
  const id = progress.students.find((s) => s.username === slip.username)?.id;
  if (!id) throw new Error("the student is not in the class");

  const disabled = await agent.post(`${issuer}/console/students/${id}/disable`, { csrf_token: await consoleCsrf(agent) }, sameSite);
  expect(locationOf(disabled).href).toBe(`${issuer}/console?notice=disabled`);
  expect(await (await student.get(`${issuer}/account`)).text()).toContain("You are not signed in");
  const refreshed = await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
  expect(refreshed.status).toBe(400);
  expect(((await refreshed.json()) as { error: string }).error).toBe("invalid_grant");
  // Refused exactly like a wrong password.
  expect(await tryLogin({ username: slip.username, password: "quiet meadow lantern" })).toBe("credentials");

  await agent.post(`${issuer}/console/students/${id}/enable`, { csrf_token: await consoleCsrf(agent) }, sameSite);
  expect(await tryLogin({ username: slip.username, password: "quiet meadow lantern" })).toBe("ok");

  // Reset: the sheet with a new one-time password, which must be changed again; the old password is gone.
  const reset = await agent.post(`${issuer}/console/students/${id}/reset`, { csrf_token: await consoleCsrf(agent) }, sameSite);
  expect(reset.status).toBe(200);
  const [again] = slipsOf(await reset.text());
  if (!again) throw new Error("no slip on the reset sheet");
  expect(again.username).toBe(slip.username);
  expect(again.password).not.toBe(slip.password);
  expect(await tryLogin({ username: slip.username, password: "quiet meadow lantern" })).toBe("credentials");
  await firstLogin(new ScriptedUserAgent(), again, "second quiet meadow");
});

test("progress: only MailDash with its secret reports; the teacher's JSON shows steps and outcomes, never a secret", async () => {
  const agent = await signedIn(teacher);
  const [slip] = await createAccounts(agent, [uniqueName("Radia")]);
  if (!slip) throw new Error("no slip");
  const tokens = await firstLogin(new ScriptedUserAgent(), slip, "amber window falcon");
  const before = (await (await agent.get(`${issuer}/console/progress`)).json()) as { students: { id: string; username: string }[] };
  const sub = before.students.find((s) => s.username === slip.username)?.id ?? "";

  const body = { sub, activity: "guided", step: 3 };
  expect((await report(body, "")).status).toBe(401);
  expect((await report(body, basicAuth(client.client_id, "wrong secret"))).status).toBe(401);
  // Another confidential client, with its own valid secret, may not report.
  expect((await report(body, basicAuth(guidedClient.client_id, guidedClient.client_secret))).status).toBe(401);
  expect((await report({ ...body, step: 99 })).status).toBe(400);
  expect((await report({ ...body, access_token: tokens.access_token })).status).toBe(400);
  expect((await report({ ...body, sub: "no-such-user" })).status).toBe(400);
  expect((await report(body)).status).toBe(204);
  expect((await report({ ...body, step: 2 })).status).toBe(204);
  expect((await report({ sub, activity: "attack:7", outcome: "twin-fooled" })).status).toBe(204);
  expect((await report({ sub, activity: "attack:7", outcome: "held" })).status).toBe(204);

  const response = await agent.get(`${issuer}/console/progress`);
  expect(response.headers.get("cache-control")).toContain("no-store");
  const text = await response.text();
  const row = (JSON.parse(text) as { students: Record<string, unknown>[] }).students.find((s) => s.username === slip.username);
  expect(row).toMatchObject({
    guidedStep: 3,
    attacks: [{ scenario: "7", outcome: "held", runs: 2 }],
    disabled: false,
    mustChangePassword: false,
  });
  for (const secret of [tokens.access_token, tokens.refresh_token, slip.password, "amber window falcon", client.client_secret]) {
    expect(text).not.toContain(secret);
  }
  expect(text).not.toMatch(/token|secret|password_hash|"code"/i);
});

test("npm run teacher:create makes a teacher whose one-time password must be changed, who then opens the console", async () => {
  const username = `head-${randomBytes(4).toString("hex")}`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "scripts/create-teacher.ts", username, "Head of Computing"],
    { env: { ...process.env, AUTH_DATABASE_URL: authDatabaseUrl } },
  );
  expect(stdout).toContain(`Teacher account created: ${username}`);
  const password = /One-time password: (\S+)/.exec(stdout)?.[1] ?? "";
  expect(password).not.toBe("");
  const agent = new ScriptedUserAgent();
  await firstLogin(agent, { username, password }, "staffroom kettle orbit");
  expect((await agent.get(`${issuer}/console`)).status).toBe(200);
  // The same username again is refused, with a non-zero exit.
  await expect(
    promisify(execFile)(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/create-teacher.ts", username, "Again"], {
      env: { ...process.env, AUTH_DATABASE_URL: authDatabaseUrl },
    }),
  ).rejects.toThrow(/taken/);
});
