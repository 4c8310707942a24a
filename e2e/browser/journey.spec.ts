// The journey a student takes, in a real browser: dashboard → AS login → consent → inbox → message → sign out.
import { expect, test } from "@playwright/test";
import { logIn, startSignIn } from "../support/dashboard.ts";
import { alice, bob, forgetConsent, issuer, lab } from "../support/lab.ts";

test("sign in, consent, read the inbox, open a message, sign out", async ({ page, context }, testInfo) => {
  // A student who never allowed MailDash (LabMail remembers consent; MailDash no longer forces prompt=consent).
  await forgetConsent(alice);
  await startSignIn(page);
  await page.screenshot({ path: testInfo.outputPath("1-login.png") });
  await logIn(page, alice);

  await expect(page.getByRole("heading", { name: /MailDash wants to access your LabMail account/ })).toBeVisible();
  await expect(page.getByText("Read your mail")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("2-consent.png") });
  await page.getByRole("button", { name: "Allow" }).click();

  // Steps 3–6 happened behind the scenes: back on the dashboard with Alice's inbox.
  await expect(page).toHaveURL(new RegExp(`^${lab.dashboardUrl}/inbox`));
  const messages = page.getByRole("list", { name: "Messages" });
  await expect(messages.getByRole("listitem")).toHaveCount(20);
  await expect(page.getByText(alice.email).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("3-inbox.png") });

  // Cookies stay apart: the dashboard's host never receives the AS's session cookie.
  const dashboardCookies = await context.cookies(lab.dashboardUrl);
  expect(dashboardCookies.map((c) => c.name)).not.toContain("as_session");
  expect((await context.cookies(issuer)).map((c) => c.name)).toContain("as_session");
  // Tokens never reach the browser's JavaScript.
  const session = await page.evaluate(async () => (await fetch("/api/auth/session")).text());
  expect(session).not.toMatch(/eyJ/);

  await messages.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`^${lab.dashboardUrl}/inbox/msg_`));
  await expect(page.getByRole("link", { name: /Back to inbox/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).not.toBeEmpty();
  await page.screenshot({ path: testInfo.outputPath("4-message.png") });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in with LabMail" })).toBeVisible();
  await page.goto(`${lab.dashboardUrl}/inbox`);
  await expect(page.getByRole("button", { name: "Sign in with LabMail" })).toBeVisible();
});

test("a wrong password gives a clear error at the AS", async ({ page }) => {
  await startSignIn(page);
  await logIn(page, { username: bob.username, password: "wrong-password" });
  await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`^${issuer}/interaction/`));
});

test("denying consent brings the user back to the dashboard with 'access denied'", async ({ page }, testInfo) => {
  await forgetConsent(bob);
  await startSignIn(page);
  await logIn(page, bob);
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page).toHaveURL(new RegExp(`^${lab.dashboardUrl}/`));
  await expect(page.getByText(/denied/i).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("denied.png") });
});
