// Issue 9, "Accounts": OpenID Connect RP-Initiated Logout 1.0 at LabMail's end_session_endpoint, and
// incremental consent (the consent page asks only for what is new). Real HTTP against the running lab.
import { randomBytes } from "node:crypto";
import { SIGNING_ALG } from "@oauth-flow-lab/oauth";
import { expect, test } from "@playwright/test";
import { generateKeyPair, SignJWT } from "jose";
import { CLIENTS } from "../../scripts/lib/config.ts";
import {
  alice,
  authorizationRequest,
  client,
  forgetConsent,
  issuer,
  lab,
  locationOf,
  ScriptedUserAgent,
  tokenRequest,
} from "../support/lab.ts";

const POST_LOGOUT_REDIRECT_URI = CLIENTS.dashboard.post_logout_redirect_uris(lab.dashboardUrl)[0] ?? "";
const SIGN_IN_SCOPE = CLIENTS.dashboard.requested_scope.join(" ");

/** A browser signed in at LabMail (alice), with the ID token the dashboard would hold. */
async function signedIn(): Promise<{ agent: ScriptedUserAgent; id_token: string; access_token: string }> {
  const agent = new ScriptedUserAgent();
  const request = authorizationRequest(SIGN_IN_SCOPE);
  const callback = await agent.authorize(request.query);
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`no code in ${callback.href}`);
  const response = await tokenRequest({
    grant_type: "authorization_code",
    code,
    redirect_uri: client.redirect_uri,
    code_verifier: request.pkce.code_verifier,
  });
  const tokens = (await response.json()) as { id_token?: string; access_token: string };
  if (!tokens.id_token) throw new Error("no id_token");
  return { agent, id_token: tokens.id_token, access_token: tokens.access_token };
}

const endSessionUrl = (params: Record<string, string>) => `${issuer}/end-session?${new URLSearchParams(params)}`;

/** The AS's answer to a fresh authorization request in this browser: a code at once, or an interaction page. */
async function nextAuthorize(agent: ScriptedUserAgent, extra: Record<string, string> = {}): Promise<URL> {
  return locationOf(
    await agent.get(`${issuer}/authorize?${new URLSearchParams({ ...authorizationRequest(SIGN_IN_SCOPE).query, ...extra })}`),
  );
}

test.describe("RP-Initiated Logout 1.0: the end_session_endpoint", () => {
  test("is advertised in the metadata", async () => {
    const metadata = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(metadata.end_session_endpoint).toBe(`${issuer}/end-session`);
  });

  test("a valid hint and the registered URI: redirect with state, the session is gone, the next /authorize shows the login form", async () => {
    const { agent, id_token } = await signedIn();
    // Signed in: prompt=none answers with a code.
    expect((await nextAuthorize(agent, { prompt: "none" })).searchParams.get("code")).toBeTruthy();

    const state = randomBytes(8).toString("base64url");
    const response = await agent.get(endSessionUrl({ id_token_hint: id_token, post_logout_redirect_uri: POST_LOGOUT_REDIRECT_URI, state }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${POST_LOGOUT_REDIRECT_URI}?state=${state}`);
    expect(response.headers.getSetCookie().join("\n")).toMatch(/as_session=;/);

    expect((await nextAuthorize(agent, { prompt: "none" })).searchParams.get("error")).toBe("login_required");
    const interaction = await nextAuthorize(agent);
    expect(interaction.href.startsWith(`${issuer}/interaction/`)).toBe(true);
    expect(await (await agent.get(interaction)).text()).toContain('name="password"');
  });

  test("an unregistered post_logout_redirect_uri: the AS's own page, no redirect, the session stays", async () => {
    const { agent, id_token } = await signedIn();
    for (const uri of ["https://evil.example/", `${POST_LOGOUT_REDIRECT_URI}inbox`, `${lab.dashboardUrl}`]) {
      const response = await agent.get(endSessionUrl({ id_token_hint: id_token, post_logout_redirect_uri: uri, state: "x" }));
      expect(response.status).toBe(400);
      expect(response.headers.get("location")).toBeNull();
      expect(await response.text()).toContain("This sign-out request can't be completed");
    }
    expect((await nextAuthorize(agent, { prompt: "none" })).searchParams.get("code")).toBeTruthy();
  });

  test("a forged or foreign id_token_hint is refused and ends nothing", async () => {
    const { agent, id_token, access_token } = await signedIn();
    const [header, payload] = id_token.split(".");
    const { privateKey } = await generateKeyPair(SIGNING_ALG);
    const forged = await new SignJWT(JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")))
      .setProtectedHeader(JSON.parse(Buffer.from(header ?? "", "base64url").toString("utf8")))
      .sign(privateKey);
    const tampered = `${header}.${Buffer.from(JSON.stringify({ sub: "bob", iss: issuer, aud: client.client_id })).toString("base64url")}.${id_token.split(".")[2]}`;
    for (const hint of [forged, tampered, access_token]) {
      const response = await agent.get(endSessionUrl({ id_token_hint: hint, post_logout_redirect_uri: POST_LOGOUT_REDIRECT_URI }));
      expect(response.status).toBe(400);
      expect(response.headers.get("location")).toBeNull();
    }
    // A client_id that is not the hint's audience.
    const other = await agent.get(endSessionUrl({ id_token_hint: id_token, client_id: CLIENTS.spa.client_id }));
    expect(other.status).toBe(400);
    expect((await nextAuthorize(agent, { prompt: "none" })).searchParams.get("code")).toBeTruthy();
  });

  test("without a hint the user is asked first; the AS never ends the session on a bare link", async () => {
    const { agent } = await signedIn();
    const response = await agent.get(endSessionUrl({ client_id: client.client_id, post_logout_redirect_uri: POST_LOGOUT_REDIRECT_URI }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(new RegExp(`^${issuer}/end-session/confirm\\?`));
    expect((await nextAuthorize(agent, { prompt: "none" })).searchParams.get("code")).toBeTruthy();
  });
});

test("incremental consent: a second request with one more scope asks only for the new one", async () => {
  await forgetConsent(alice);
  const agent = new ScriptedUserAgent();
  const first = await agent.authorize(authorizationRequest(SIGN_IN_SCOPE).query);
  expect(first.searchParams.get("code")).toBeTruthy();
  // Remembered: the same scopes again need no page at all.
  expect((await nextAuthorize(agent)).searchParams.get("code")).toBeTruthy();

  const interaction = locationOf(
    await agent.get(`${issuer}/authorize?${new URLSearchParams(authorizationRequest(`${SIGN_IN_SCOPE} mail.send`).query)}`),
  );
  expect(interaction.href.startsWith(`${issuer}/interaction/`)).toBe(true);
  const page = await (await agent.get(interaction)).text();
  const [asked = "", already = ""] = page.split("You already allowed");
  const askedList = asked.slice(asked.indexOf("now also asks to"));
  expect(askedList).toContain(">mail.send<");
  for (const scope of CLIENTS.dashboard.requested_scope) expect(askedList).not.toContain(`>${scope}<`);
  for (const scope of CLIENTS.dashboard.requested_scope) expect(already).toContain(`>${scope}<`);
});
