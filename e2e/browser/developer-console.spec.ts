// Issue 10, "Developer console", in a real browser: a student registers a PUBLIC client in the console,
// then a scripted client (oauth4webapi, the certified library) builds the authorization request with
// PKCE; the browser signs in and consents (the consent names the student as the registrant); the script
// exchanges the code and calls the mail API with the access token. axe-core on every new page.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import * as oauth from "oauth4webapi";
import { signIn } from "../support/dashboard.ts";
import { issuer, mailApi } from "../support/lab.ts";

const REDIRECT_URI = "http://127.0.0.1:9/callback";
// The lab runs on loopback http; oauth4webapi refuses plain http unless told (RFC 6749 §3.1 wants TLS).
const loopbackHttp = { [oauth.allowInsecureRequests]: true } as const;

test("a student registers a public client and runs the whole flow with it through oauth4webapi", async ({ page }, testInfo) => {
  const username = `dev-${randomBytes(4).toString("hex")}`;
  const student = { username, password: "a long class passphrase", name: "Grace Student" };
  const created = await fetch(`${issuer}/signup/create`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: new URL(issuer).origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(student).toString(),
  });
  expect(new URL(created.headers.get("location") ?? "").searchParams.get("created")).toBe(username);
  await signIn(page, student);

  // The console: reached from the account page.
  await page.goto(`${issuer}/account`);
  await page.getByRole("link", { name: "Developer console" }).click();
  await expect(page.getByRole("heading", { name: "Developer console" })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("developer-console.png"), fullPage: true });

  // A refused registration first: the reason is shown.
  await page.getByLabel("Name", { exact: true }).fill("MailDash");
  await page.getByLabel("Redirect URIs").fill(REDIRECT_URI);
  await page.getByRole("button", { name: "Register client" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "imitates one of the lab's own apps" })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await page.getByLabel("Name", { exact: true }).fill("Grace's CLI");
  await page.getByLabel("Redirect URIs").fill(REDIRECT_URI);
  await page.getByRole("checkbox", { name: /openid/ }).check();
  await page.getByRole("checkbox", { name: /mail\.read/ }).check();
  await page.getByRole("radio", { name: /Public, no secret/ }).check();
  await page.getByRole("button", { name: "Register client" }).click();
  await expect(page.getByRole("heading", { name: "Grace's CLI is registered" })).toBeVisible();
  await expect(page.locator("#client_secret")).toHaveCount(0);
  const client_id = (await page.locator("#client_id").textContent()) ?? "";
  expect(client_id).toMatch(/^dev-/);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("client-registered.png") });

  await page.getByRole("link", { name: "Manage this client" }).click();
  await expect(page.getByRole("heading", { name: "Grace's CLI" })).toBeVisible();
  await expect(page.getByText(REDIRECT_URI)).toBeVisible();
  await expect(page.getByRole("button", { name: "Rotate secret" })).toHaveCount(0);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("client-page.png") });

  // The scripted client: discovery, PKCE, the authorization URL (oauth4webapi).
  const as = await oauth.processDiscoveryResponse(new URL(issuer), await oauth.discoveryRequest(new URL(issuer), loopbackHttp));
  const client: oauth.Client = { client_id, token_endpoint_auth_method: "none" };
  const code_verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const authorizationUrl = new URL(as.authorization_endpoint ?? "");
  for (const [key, value] of Object.entries({
    response_type: "code",
    client_id,
    redirect_uri: REDIRECT_URI,
    scope: "openid mail.read",
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(code_verifier),
    code_challenge_method: "S256",
  })) {
    authorizationUrl.searchParams.set(key, value);
  }

  // Nothing listens on the redirect URI: the browser's arrival there is the callback the script reads.
  await page.route(`${REDIRECT_URI}**`, (route) => route.fulfill({ status: 200, contentType: "text/plain", body: "callback" }));
  await page.goto(authorizationUrl.href);
  await expect(page.getByRole("heading", { name: "Grace's CLI wants to access your LabMail account" })).toBeVisible();
  await expect(page.getByRole("note")).toContainText(`Registered by ${student.name} (${username}), a LabMail user: not a LabMail app`);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("consent-registered-client.png") });
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(new RegExp(`^${REDIRECT_URI.replace(/[.:/]/g, "\\$&")}\\?`));

  const params = oauth.validateAuthResponse(as, client, new URL(page.url()), state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, REDIRECT_URI, code_verifier, loopbackHttp);
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
  expect(tokens.scope).toBe("openid mail.read");
  expect(tokens.refresh_token).toBeUndefined();
  const inbox = await oauth.protectedResourceRequest(
    tokens.access_token,
    "GET",
    new URL(`${mailApi}/v1/messages`),
    undefined,
    undefined,
    loopbackHttp,
  );
  expect(inbox.status).toBe(200);
  const body = (await inbox.json()) as { messages: { subject: string }[] };
  expect(body.messages.map((m) => m.subject)).toContain("Welcome to LabMail");
});
