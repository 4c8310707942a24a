// The guided flow: every step of the authorization code flow, paused and shown, on the real servers.
import { createHash } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { logIn } from "../support/dashboard.ts";
import { sequenceDiagram, startAutoMode, startGuidedFlow, valueOf } from "../support/guided.ts";
import { alice, issuer, lab } from "../support/lab.ts";

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("walk the six steps, refresh and revoke as alice, with the servers' checks", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(lab.dashboardUrl);
  await page.getByRole("link", { name: "Guided flow (step by step)" }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided`);
  await expectNoAxeViolations(page);
  await startGuidedFlow(page);

  // Step 1: state, nonce and the PKCE pair, prepared on the server.
  const verifier = (await valueOf(page, "code_verifier").textContent()) ?? "";
  expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  await expect(valueOf(page, "code_challenge")).toHaveText(challenge);
  const state = (await valueOf(page, "state").textContent()) ?? "";
  expect(state.length).toBeGreaterThanOrEqual(32);
  await page.screenshot({ path: testInfo.outputPath("guided-1.png"), fullPage: true });
  await expectNoAxeViolations(page);

  // Step 2: the authorization URL with every parameter.
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/2`);
  const go = page.getByRole("link", { name: "Go to LabMail to sign in" });
  const authorizationUrl = new URL((await go.getAttribute("href")) ?? "");
  expect(authorizationUrl.origin).toBe(issuer);
  expect(authorizationUrl.searchParams.get("client_id")).toBe("dashboard");
  expect(authorizationUrl.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorizationUrl.searchParams.get("code_challenge")).toBe(challenge);
  expect(authorizationUrl.searchParams.get("state")).toBe(state);
  expect(authorizationUrl.searchParams.get("redirect_uri")).toBe(`${lab.dashboardUrl}/guided/callback`);
  await expect(page.getByRole("rowheader", { name: "code_challenge_method" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("guided-2.png"), fullPage: true });

  // At LabMail: log in and consent.
  await go.click();
  await expect(page).toHaveURL(new RegExp(`^${issuer}/interaction/`));
  await logIn(page, alice);
  await page.getByRole("button", { name: "Allow" }).click();

  // Step 3: the code, and MailDash's state and iss checks.
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/3`);
  await expect(valueOf(page, "code")).toHaveText(/\S{20,}/);
  await expect(valueOf(page, "state")).toHaveText(state);
  await expect(valueOf(page, "iss")).toHaveText(issuer);
  const clientChecks = page.getByRole("list", { name: "MailDash's checks of the authorization response" });
  await expect(clientChecks.getByRole("listitem").filter({ hasText: "state is the one" })).toContainText("✓");
  await expect(clientChecks.getByRole("listitem").filter({ hasText: "iss is LabMail's issuer" })).toContainText("✓");
  await page.screenshot({ path: testInfo.outputPath("guided-3.png"), fullPage: true });

  // Auto mode: every 2 s it goes on by itself (step 3 → 4); Stop before it presses step 4's button.
  await startAutoMode(page, "2");
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/4`, { timeout: 8_000 });
  await page.getByRole("button", { name: "Stop auto" }).click();
  await expect(page.getByRole("button", { name: "Start auto" })).toBeVisible();
  await page.locator("footer").screenshot({ path: testInfo.outputPath("guided-auto.png") });

  // Step 4: the exact token request, the secret masked.
  const request = page.getByLabel("POST to the token endpoint: request");
  await expect(request).toContainText(/authorization: Basic [A-Za-z0-9+/=]*…••••••••/);
  await expect(request).toContainText("grant_type=authorization_code");
  await expect(request).not.toContainText(process.env.DASHBOARD_CLIENT_SECRET ?? "no secret");
  await page.screenshot({ path: testInfo.outputPath("guided-4.png"), fullPage: true });
  await page.getByRole("button", { name: "Send the token request" }).click();

  // Step 5: tokens decoded, signatures verified, and LabMail's own checks (PKCE among them).
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/5`);
  const payload = page.getByLabel("access_token payload");
  await expect(page.getByLabel("access_token header")).toContainText('"typ": "at+jwt"');
  for (const claim of ['"iss"', '"aud"', '"scope"']) await expect(payload).toContainText(claim);
  await expect(page.getByText(/Signature verified/).first()).toBeVisible();
  await expect(page.getByText(/Signature NOT verified/)).toHaveCount(0);
  const serverChecks = page.getByRole("region", { name: "What the servers checked" });
  await expect(serverChecks.getByRole("listitem").filter({ hasText: "PKCE" }).first()).toContainText("✓");
  await page.screenshot({ path: testInfo.outputPath("guided-5.png"), fullPage: true });

  // The sequence diagram: one arrow per exchange so far; the POST /token arrow opens that exchange.
  const exchanges = sequenceDiagram(page);
  await expect(exchanges.getByRole("link", { name: /Browser to LabMail AS, GET \/authorize/ })).toBeVisible();
  await expect(exchanges.getByRole("link", { name: /step 4: MailDash server to LabMail AS, POST \/token → 200/ })).toBeVisible();
  await expect(exchanges.getByRole("link", { name: /step 4:/ })).toHaveAttribute("aria-current", "step");
  await page.getByRole("region", { name: "Sequence diagram" }).screenshot({ path: testInfo.outputPath("guided-diagram.png") });
  await exchanges.getByRole("link", { name: /POST \/token/ }).click();
  await expect(page).toHaveURL(/\/guided\/5\?exchange=\d+#exchange-\d+$/);
  const opened = page.getByRole("region", { name: /^Exchange \d+: POST \/token → 200$/ });
  await expect(opened.getByLabel(/^Exchange \d+: request$/)).toContainText("grant_type=authorization_code");
  await expect(opened.getByLabel(/^Exchange \d+: response$/)).toContainText('"refresh_token"');

  // The token lifecycle: both clocks tick, one refresh token so far.
  const lifecycle = page.getByRole("region", { name: "Token lifecycle" });
  const exp = lifecycle.getByRole("timer", { name: "Time until the access token's exp" });
  await expect(exp).toHaveText(/^\d+:\d\d$/);
  const first = await exp.textContent();
  await expect(exp).not.toHaveText(first ?? "", { timeout: 3_000 });
  await expect(lifecycle.getByRole("list", { name: "Refresh token rotation chain" }).getByRole("listitem")).toHaveCount(1);
  await expectNoAxeViolations(page);
  await lifecycle.screenshot({ path: testInfo.outputPath("guided-lifecycle.png") });

  // Demo clock: the access token expires in MailDash's view only; the mail API still accepts it (step 6).
  await lifecycle.getByRole("button", { name: "Expire the access token now" }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/5`);
  await expect(lifecycle.getByText("MailDash considers the access token expired: time to refresh.")).toBeVisible();
  await expect(lifecycle.getByRole("timer", { name: "Time until MailDash considers the access token expired" })).toHaveText("expired");
  await expect(lifecycle.getByRole("timer", { name: "Time the mail API still accepts the token" })).toHaveText(/^\d+:\d\d$/);
  await expect(lifecycle.getByRole("link", { name: "Go to the refresh step" })).toBeVisible();
  await expectNoAxeViolations(page);
  await lifecycle.screenshot({ path: testInfo.outputPath("guided-lifecycle-expired.png") });

  // Step 6: the mail API with the Bearer token.
  await page.getByRole("link", { name: "Next" }).click();
  await page.getByRole("button", { name: "Call the mail API" }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/6`);
  await expect(page.getByText("Status: 200")).toBeVisible();
  await expect(page.getByRole("list", { name: "Inbox (latest messages)" }).getByRole("listitem")).toHaveCount(5);
  await expect(page.getByLabel("GET /v1/messages: request")).toContainText("authorization: Bearer eyJ");
  // That was the token MailDash considers expired: the mail API checks only its exp.
  await expect(page.getByText("MailDash considers the access token expired: time to refresh.")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("guided-6.png"), fullPage: true });

  // Refresh: rotation, old and new side by side.
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/refresh`);
  await page.getByRole("button", { name: "Refresh now" }).click();
  const oldToken = (await page.getByLabel("Old refresh token").textContent()) ?? "";
  const newToken = (await page.getByLabel("New refresh token").textContent()) ?? "";
  expect(oldToken.length).toBeGreaterThan(20);
  expect(newToken.length).toBeGreaterThan(20);
  expect(newToken).not.toBe(oldToken);
  // The rotation chain: the first refresh token spent, the new one current; the access token fresh again.
  const chain = page.getByRole("list", { name: "Refresh token rotation chain" }).getByRole("listitem");
  await expect(chain).toHaveCount(2);
  await expect(chain.nth(0)).toContainText("used, rotated");
  await expect(chain.nth(1)).toContainText("current");
  await expect(page.getByText("MailDash considers the access token expired: time to refresh.")).toHaveCount(0);
  await expect(page.getByRole("timer", { name: "Time until MailDash considers the access token expired" })).toHaveText(/^\d+:\d\d$/);
  await page.screenshot({ path: testInfo.outputPath("guided-refresh.png"), fullPage: true });

  // Transcript export: tokens yes, client secret never.
  const download = await page.request.get(`${lab.dashboardUrl}/guided/transcript.json`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment/);
  const transcript = await download.text();
  expect(transcript).not.toContain(process.env.DASHBOARD_CLIENT_SECRET ?? "no secret");
  expect(JSON.parse(transcript).exchanges.map((e: { step: string }) => e.step)).toEqual(["2", "3", "4", "6", "refresh"]);

  // Revoke, then the old access token stops working at the mail API (introspection, within ~5 s).
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/revoke`);
  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText(/Revoked at/)).toBeVisible();
  await expect(async () => {
    await page.getByRole("button", { name: "Try the mail API again" }).click();
    await expect(page.getByText("Status: 401")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000, intervals: [1_000] });
  await expect(page.getByRole("list", { name: "Refresh token rotation chain" }).getByRole("listitem").nth(1)).toContainText("revoked");
  await expect(sequenceDiagram(page).getByRole("link", { name: /revoke: MailDash server to LabMail AS, POST .* → 200/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("guided-revoke.png"), fullPage: true });

  // Presenter mode: the diagram and the panel, legible at 1280×720.
  await page.goto(`${lab.dashboardUrl}/guided/revoke?presenter=1`);
  await page.getByRole("region", { name: "Sequence diagram" }).screenshot({ path: testInfo.outputPath("guided-diagram-presenter.png") });
  await page.getByRole("region", { name: "Token lifecycle" }).screenshot({ path: testInfo.outputPath("guided-lifecycle-presenter.png") });
});

test("denied consent comes back to step 3 as an error", async ({ page }, testInfo) => {
  await startGuidedFlow(page);
  await page.goto(`${lab.dashboardUrl}/guided/2`);
  await page.getByRole("link", { name: "Go to LabMail to sign in" }).click();
  await logIn(page, alice);
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/3`);
  await expect(page.getByRole("alert").filter({ hasText: "access_denied" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("guided-denied.png"), fullPage: true });
});

test("presenter mode: large type, keyboard navigation, R resets", async ({ page }, testInfo) => {
  await startGuidedFlow(page);
  await page.goto(`${lab.dashboardUrl}/guided/1?presenter=1`);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe("21px");
  await page.screenshot({ path: testInfo.outputPath("guided-presenter.png") });
  await expectNoAxeViolations(page);
  const keysLiveOn = (path: string) => expect(page.locator("html")).toHaveAttribute("data-presenter-keys", path);
  await keysLiveOn("/guided/1");
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/2?presenter=1`);
  await keysLiveOn("/guided/2");
  await page.keyboard.press("ArrowLeft");
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/1?presenter=1`);
  await keysLiveOn("/guided/1");
  await page.keyboard.press("r");
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided?presenter=1`);
  await expect(page.getByRole("button", { name: "Start" })).toBeVisible();
  // The flow is gone on the server too.
  await page.goto(`${lab.dashboardUrl}/guided/1`);
  await expect(page.getByText("No guided flow in progress.")).toBeVisible();
});
