// The guided flow: every step of the authorization code flow, paused and shown, on the real servers.
import { createHash } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { logIn } from "../support/dashboard.ts";
import { startGuidedFlow, valueOf } from "../support/guided.ts";
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

  // Step 4: the exact token request, the secret masked.
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/4`);
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
  await expectNoAxeViolations(page);

  // Step 6: the mail API with the Bearer token.
  await page.getByRole("link", { name: "Next" }).click();
  await page.getByRole("button", { name: "Call the mail API" }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/6`);
  await expect(page.getByText("Status: 200")).toBeVisible();
  await expect(page.getByRole("list", { name: "Inbox (latest messages)" }).getByRole("listitem")).toHaveCount(5);
  await expect(page.getByLabel("GET /v1/messages: request")).toContainText("authorization: Bearer eyJ");
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
  await page.screenshot({ path: testInfo.outputPath("guided-revoke.png"), fullPage: true });
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
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/2?presenter=1`);
  await page.keyboard.press("ArrowLeft");
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/1?presenter=1`);
  await page.keyboard.press("r");
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided?presenter=1`);
  await expect(page.getByRole("button", { name: "Start" })).toBeVisible();
  // The flow is gone on the server too.
  await page.goto(`${lab.dashboardUrl}/guided/1`);
  await expect(page.getByText("No guided flow in progress.")).toBeVisible();
});
