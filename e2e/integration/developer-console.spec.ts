// Issue 10, "Developer console": a signed-in user registers a client of their own at the AS, runs the
// flow with it (PKCE, its tokens work at the mail API), rotates its secret and disables it; strangers
// see none of it, a teacher sees and disables every registered client; every POST needs the session's
// CSRF token; the secret is shown in the POST's answer only; the consent screen names the registrant.
// Real HTTP against the running lab (the expiry of a rotated secret: the unit test with a fixed clock).
import { randomBytes } from "node:crypto";
import { DEMO_USERS, DEVELOPER_CONSOLE } from "@oauth-flow-lab/lab";
import { expect, test } from "@playwright/test";
import {
  authorizationRequest,
  basicAuth,
  form,
  issuer,
  locationOf,
  mailApi,
  mailApiClient,
  pkcePair,
  ScriptedUserAgent,
} from "../support/lab.ts";

const REDIRECT_URI = "http://127.0.0.1:9/callback";
const teacher = DEMO_USERS.find((u) => u.role === "teacher");

type Student = { username: string; name: string; password: string };

/** A fresh account, signed in at the AS in `agent` (through a MailDash authorization). */
async function signedInStudent(
  agent: ScriptedUserAgent = new ScriptedUserAgent(),
): Promise<{ agent: ScriptedUserAgent; student: Student }> {
  const username = `dev-${randomBytes(5).toString("hex")}`;
  const student = { username, name: `Dev ${username}`, password: "a long class passphrase" };
  const created = locationOf(await agent.post(`${issuer}/signup/create`, student, { origin: new URL(issuer).origin }));
  expect(created.searchParams.get("created")).toBe(username);
  await agent.authorize(authorizationRequest().query, student);
  return { agent, student };
}

async function signedIn(user: { username: string; password: string }): Promise<ScriptedUserAgent> {
  const agent = new ScriptedUserAgent();
  await agent.authorize({ ...authorizationRequest().query, prompt: "login" }, user);
  return agent;
}

function csrfOf(html: string): string {
  const match = /name="csrf_token" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("no csrf_token on the page");
  return match[1];
}

async function consolePage(agent: ScriptedUserAgent, path = "/developer"): Promise<string> {
  const response = await agent.get(`${issuer}${path}`);
  expect(response.status).toBe(200);
  return response.text();
}

type Fields = { name: string; redirect_uris: string; scope: string[]; token_endpoint_auth_method: string };
const CONFIDENTIAL: Fields = {
  name: "Curl client",
  redirect_uris: REDIRECT_URI,
  scope: ["openid", "profile", "offline_access", "mail.read"],
  token_endpoint_auth_method: "client_secret_basic",
};

/** POSTs the registration form; `csrf` overrides the page's token. */
async function register(agent: ScriptedUserAgent, fields: Fields, csrf?: string): Promise<Response> {
  const body = new URLSearchParams({
    csrf_token: csrf ?? csrfOf(await consolePage(agent)),
    name: fields.name,
    redirect_uris: fields.redirect_uris,
  });
  for (const scope of fields.scope) body.append("scope", scope);
  body.set("token_endpoint_auth_method", fields.token_endpoint_auth_method);
  return agent.post(`${issuer}/developer/clients`, body);
}

/** The client_id and secret shown on the registration (or rotation) answer. */
function shown(html: string): { client_id: string; client_secret: string | null } {
  const id = /<code id="client_id"[^>]*>([^<]+)<\/code>/.exec(html)?.[1];
  if (!id) throw new Error("no client_id on the page");
  return { client_id: id, client_secret: /<code id="client_secret"[^>]*>([^<]+)<\/code>/.exec(html)?.[1] ?? null };
}

async function registered(agent: ScriptedUserAgent, fields: Fields = CONFIDENTIAL) {
  const response = await register(agent, fields);
  expect(response.status).toBe(201);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return shown(await response.text());
}

/** RFC 7009 §2.1: revoking an unknown token answers 200 to an authenticated client, 401 otherwise. */
async function authenticates(client_id: string, client_secret: string): Promise<boolean> {
  const request = form({ token: "not-a-token" });
  const response = await fetch(`${issuer}/revoke`, {
    method: "POST",
    headers: { ...request.headers, authorization: basicAuth(client_id, client_secret) },
    body: request.body,
  });
  expect([200, 401]).toContain(response.status);
  return response.status === 200;
}

/** /authorize → consent page (checked by `onConsent`) → allow → code → tokens, as a curl user would. */
async function flowWith(
  agent: ScriptedUserAgent,
  client_id: string,
  client_secret: string | null,
  scope: string,
  onConsent: (html: string) => void = () => {},
) {
  const pkce = pkcePair();
  const state = randomBytes(8).toString("hex");
  const query = {
    response_type: "code",
    client_id,
    redirect_uri: REDIRECT_URI,
    scope,
    state,
    code_challenge: pkce.code_challenge,
    code_challenge_method: "S256",
  };
  const interaction = locationOf(await agent.get(`${issuer}/authorize?${new URLSearchParams(query)}`));
  expect(interaction.href.startsWith(`${issuer}/interaction/`)).toBe(true);
  const page = await (await agent.get(interaction)).text();
  onConsent(page);
  const callback = locationOf(await agent.post(`${interaction.href}/consent`, { csrf_token: csrfOf(page), decision: "allow" }));
  expect(callback.href.startsWith(REDIRECT_URI)).toBe(true);
  expect(callback.searchParams.get("state")).toBe(state);
  const code = callback.searchParams.get("code") ?? "";
  const params: Record<string, string> = {
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: pkce.code_verifier,
  };
  return tokenCall(client_id, client_secret, params);
}

async function tokenCall(client_id: string, client_secret: string | null, params: Record<string, string>) {
  const request = form(client_secret === null ? { ...params, client_id } : params);
  const headers: Record<string, string> = { ...request.headers };
  if (client_secret !== null) headers.authorization = basicAuth(client_id, client_secret);
  return fetch(`${issuer}/token`, { method: "POST", headers, body: request.body });
}

test.describe("developer console", () => {
  test("registration refuses each bad redirect URI form and imitating names, and more than the limit per user", async () => {
    const { agent } = await signedInStudent();
    const refusals: [Partial<Fields>, string][] = [
      [{ redirect_uris: "http://app.example/callback" }, "redirect_uri_http_not_loopback"],
      [{ redirect_uris: "https://*.app.example/callback" }, "redirect_uri_wildcard"],
      [{ redirect_uris: "https://app.example/callback#done" }, "redirect_uri_fragment"],
      [{ redirect_uris: "https://maildash@evil.example/callback" }, "redirect_uri_userinfo"],
      [{ redirect_uris: "/callback" }, "redirect_uri_relative"],
      [{ redirect_uris: "javascript:alert(1)" }, "redirect_uri_scheme"],
      [{ name: "MailDash" }, "name_reserved"],
      [{ name: "Mail-Dash (official)" }, "name_reserved"],
      [{ name: "x\u0007y z" }, "name_characters"],
      [{ scope: ["openid", "admin"] }, "scope"],
      [{ token_endpoint_auth_method: "private_key_jwt" }, "auth_method"],
    ];
    for (const [fields, problem] of refusals) {
      const response = await register(agent, { ...CONFIDENTIAL, ...fields });
      expect(response.status, problem).toBe(303);
      const back = locationOf(response);
      expect(back.pathname).toBe("/developer");
      expect(back.searchParams.get("error")).toBe(problem);
    }
    const page = await (await agent.get(`${issuer}/developer?error=redirect_uri_http_not_loopback`)).text();
    expect(page).toContain("Plain http is allowed only on this machine");
    expect(page).toContain("No client registered yet.");

    const csrf = csrfOf(await consolePage(agent));
    for (let i = 0; i < DEVELOPER_CONSOLE.maxClientsPerUser; i++) await registered(agent, { ...CONFIDENTIAL, name: `Client ${i}` });
    // At the limit the page has no form any more; a POST all the same is refused.
    expect(locationOf(await register(agent, CONFIDENTIAL, csrf)).searchParams.get("error")).toBe("limit");
    expect(await consolePage(agent)).not.toContain('action="/developer/clients"');
  });

  test("the secret is shown once; the client runs the flow with PKCE, its tokens work at the mail API; the consent names the registrant", async () => {
    const { agent, student } = await signedInStudent();
    const { client_id, client_secret } = await registered(agent);
    expect(client_id).toMatch(/^dev-/);
    expect(client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    if (!client_secret) throw new Error("no secret");
    // Never again: the list, the client's page, and the pages' every GET.
    for (const path of ["/developer", `/developer/clients/${client_id}`]) {
      const html = await consolePage(agent, path);
      expect(html).toContain(client_id);
      expect(html).not.toContain(client_secret);
    }

    const tokens = await flowWith(agent, client_id, client_secret, "openid profile offline_access mail.read", (consent) => {
      expect(consent).toContain("Curl client");
      expect(consent).toContain(`Registered by <strong>${student.name}</strong> (${student.username}), a LabMail user: not a LabMail app`);
    });
    expect(tokens.status).toBe(200);
    const body = (await tokens.json()) as { access_token: string; refresh_token: string; id_token: string };
    expect(body.refresh_token).toBeTruthy();
    const inbox = await fetch(`${mailApi}/v1/messages`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(inbox.status).toBe(200);
    // offline_access registered the refresh_token grant.
    const refreshed = await tokenCall(client_id, client_secret, { grant_type: "refresh_token", refresh_token: body.refresh_token });
    expect(refreshed.status).toBe(200);
    // PKCE is required (the AS default): a request without code_challenge goes back with invalid_request.
    const {
      code_challenge: _c,
      code_challenge_method: _m,
      ...withoutPkce
    } = authorizationRequest("openid", { client_id, redirect_uri: REDIRECT_URI }).query;
    const noPkce = locationOf(await agent.get(`${issuer}/authorize?${new URLSearchParams(withoutPkce)}`));
    expect(noPkce.href.startsWith(REDIRECT_URI)).toBe(true);
    expect(noPkce.searchParams.get("error")).toBe("invalid_request");

    // The lab's own client says so, and never "Registered by".
    const dashboard = await agent.get(`${issuer}/authorize?${new URLSearchParams({ ...authorizationRequest().query, prompt: "consent" })}`);
    const dashboardConsent = await (await agent.get(locationOf(dashboard))).text();
    expect(dashboardConsent).toContain("MailDash is one of LabMail&#x27;s own apps");
    expect(dashboardConsent).not.toContain("Registered by");
  });

  test("a public client: no secret shown, identified by its client_id and PKCE", async () => {
    const { agent } = await signedInStudent();
    const response = await register(agent, {
      ...CONFIDENTIAL,
      name: "My CLI",
      scope: ["openid", "mail.read"],
      token_endpoint_auth_method: "none",
    });
    expect(response.status).toBe(201);
    const html = await response.text();
    const { client_id, client_secret } = shown(html);
    expect(client_secret).toBeNull();
    const tokens = await flowWith(agent, client_id, null, "openid mail.read");
    expect(tokens.status).toBe(200);
    const body = (await tokens.json()) as { access_token: string; refresh_token?: string };
    expect(body.refresh_token).toBeUndefined();
    expect((await fetch(`${mailApi}/v1/messages`, { headers: { authorization: `Bearer ${body.access_token}` } })).status).toBe(200);
  });

  test("rotation: the old secret keeps working during the overlap beside the new one; only the owner rotates", async () => {
    const { agent } = await signedInStudent();
    const { client_id, client_secret } = await registered(agent);
    if (!client_secret) throw new Error("no secret");
    const page = await consolePage(agent, `/developer/clients/${client_id}`);
    const rotation = await agent.post(`${issuer}/developer/clients/${client_id}/rotate`, { csrf_token: csrfOf(page) });
    expect(rotation.status).toBe(200);
    expect(rotation.headers.get("cache-control")).toBe("no-store");
    const rotated = shown(await rotation.text());
    expect(rotated.client_id).toBe(client_id);
    if (!rotated.client_secret) throw new Error("no new secret");
    expect(rotated.client_secret).not.toBe(client_secret);
    expect(await authenticates(client_id, client_secret)).toBe(true);
    expect(await authenticates(client_id, rotated.client_secret)).toBe(true);
    expect(await authenticates(client_id, `${rotated.client_secret}x`)).toBe(false);
    const after = await consolePage(agent, `/developer/clients/${client_id}`);
    expect(after).toContain("Previous secret");
    expect(after).not.toContain(rotated.client_secret);

    // Another student: not found, nothing rotated or disabled.
    const { agent: stranger } = await signedInStudent();
    expect(await consolePage(stranger)).not.toContain(client_id);
    const theirs = await consolePage(stranger, `/developer/clients/${client_id}`);
    expect(theirs).toContain("Client not found");
    const csrf = csrfOf(await consolePage(stranger));
    for (const action of ["rotate", "disable"]) {
      const refused = locationOf(await stranger.post(`${issuer}/developer/clients/${client_id}/${action}`, { csrf_token: csrf }));
      expect(refused.searchParams.get("error")).toBe("not_found");
    }
    expect(await authenticates(client_id, rotated.client_secret)).toBe(true);
    expect(await consolePage(agent, `/developer/clients/${client_id}`)).toContain("active");
  });

  test("CSRF: every POST without the session's token is refused and changes nothing", async () => {
    const { agent } = await signedInStudent();
    const { client_id, client_secret } = await registered(agent);
    if (!client_secret) throw new Error("no secret");
    const otherSession = csrfOf(await consolePage((await signedInStudent()).agent));
    for (const forged of ["", "forged", otherSession]) {
      const refusedRegistration = locationOf(await register(agent, { ...CONFIDENTIAL, name: "Forged" }, forged));
      expect(refusedRegistration.searchParams.get("error")).toBe("csrf");
      for (const action of ["rotate", "disable"]) {
        const refused = locationOf(await agent.post(`${issuer}/developer/clients/${client_id}/${action}`, { csrf_token: forged }));
        expect(refused.searchParams.get("error")).toBe("csrf");
      }
    }
    // No session at all: back to the console, nothing done.
    const anonymous = new ScriptedUserAgent();
    for (const path of ["/developer/clients", `/developer/clients/${client_id}/rotate`, `/developer/clients/${client_id}/disable`]) {
      const response = await anonymous.post(`${issuer}${path}`, { csrf_token: "x", name: "Anon app", redirect_uris: REDIRECT_URI });
      expect(locationOf(response).pathname).toBe("/developer");
    }
    const list = await consolePage(agent);
    expect(list).not.toContain("Forged");
    expect(list).not.toContain("disabled");
    expect(await authenticates(client_id, client_secret)).toBe(true);
  });

  test("disabling ends the grants: refresh fails, introspection says inactive; a teacher sees every client and may disable it", async () => {
    if (!teacher) throw new Error("no demo teacher");
    const { agent, student } = await signedInStudent();
    const { client_id, client_secret } = await registered(agent);
    if (!client_secret) throw new Error("no secret");
    const tokens = (await (await flowWith(agent, client_id, client_secret, "openid offline_access mail.read")).json()) as {
      access_token: string;
      refresh_token: string;
    };
    const second = await registered(agent, { ...CONFIDENTIAL, name: "Second app" });

    // The owner disables the first.
    const page = await consolePage(agent, `/developer/clients/${client_id}`);
    const disabled = locationOf(await agent.post(`${issuer}/developer/clients/${client_id}/disable`, { csrf_token: csrfOf(page) }));
    expect(disabled.searchParams.get("notice")).toBe("disabled");
    const refresh = await tokenCall(client_id, client_secret, { grant_type: "refresh_token", refresh_token: tokens.refresh_token });
    expect(refresh.status).toBe(400);
    expect(((await refresh.json()) as { error: string }).error).toBe("unauthorized_client");
    const introspection = form({ token: tokens.access_token });
    const inactive = await fetch(`${issuer}/introspect`, {
      method: "POST",
      headers: { ...introspection.headers, authorization: basicAuth(mailApiClient.client_id, mailApiClient.client_secret) },
      body: introspection.body,
    });
    expect(await inactive.json()).toEqual({ active: false });
    // And no new authorization: the authorization endpoint refuses a disabled client.
    const query = { ...authorizationRequest("openid", { client_id, redirect_uri: REDIRECT_URI }).query };
    const refused = await agent.get(`${issuer}/authorize?${new URLSearchParams(query)}`);
    expect(refused.headers.get("location") ?? "").toContain("error=unauthorized_client");

    // The teacher: every registered client with its owner, and a disable of the student's second one.
    const teacherAgent = await signedIn(teacher);
    const list = await consolePage(teacherAgent);
    expect(list).toContain("Every registered client");
    expect(list).toContain(second.client_id);
    expect(list).toContain(`Registered by ${student.name} (${student.username})`);
    const teacherView = await consolePage(teacherAgent, `/developer/clients/${second.client_id}`);
    expect(teacherView).not.toContain("Rotate secret");
    const byTeacher = locationOf(
      await teacherAgent.post(`${issuer}/developer/clients/${second.client_id}/disable`, { csrf_token: csrfOf(teacherView) }),
    );
    expect(byTeacher.searchParams.get("notice")).toBe("disabled");
    if (!second.client_secret) throw new Error("no secret");
    const after = await tokenCall(second.client_id, second.client_secret, { grant_type: "refresh_token", refresh_token: "x" });
    expect(((await after.json()) as { error: string }).error).toBe("unauthorized_client");
  });
});
