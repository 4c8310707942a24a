// Issue 9, "Accounts", in a real browser: sign up at LabMail from the login page, sign in to MailDash
// with the new account and read the welcome mail; then revoke MailDash under "Connected apps", and the
// dashboard's next call says "LabMail access was revoked; sign in again". axe-core on /signup and /account.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { LIFETIMES } from "@oauth-flow-lab/lab";
import { expect, test } from "@playwright/test";
import { logIn, startSignIn } from "../support/dashboard.ts";
import { issuer, lab } from "../support/lab.ts";

test("sign up, read the welcome mail in MailDash, revoke MailDash and the dashboard says access ended", async ({ page }, testInfo) => {
  const student = { username: `student-${randomBytes(4).toString("hex")}`, password: "a long class passphrase" };

  await startSignIn(page);
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(new RegExp(`^${issuer}/signup\\?interaction=`));
  await expect(page.getByRole("heading", { name: "Create your LabMail account" })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("signup.png") });

  // A refused password first: the message is shown beside the field.
  await page.getByLabel("Username").fill(student.username);
  await page.getByLabel("Display name").fill("Ada Student");
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Password").evaluate((input: HTMLInputElement) => input.removeAttribute("minlength"));
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use a password of at least 12 characters.")).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("signup-refused.png") });

  await page.getByLabel("Password").fill(student.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Your account is ready" })).toBeVisible();
  await page.getByRole("link", { name: "Continue to sign in" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await logIn(page, student);
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(new RegExp(`^${lab.dashboardUrl}/inbox`));
  await expect(page.getByRole("list", { name: "Messages" }).getByText("Welcome to LabMail")).toBeVisible();

  await page.goto(`${issuer}/account`);
  await expect(page.getByText("Signed in as")).toBeVisible();
  const maildash = page.getByRole("listitem", { name: "MailDash" });
  await expect(maildash.getByText("Read your mail")).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("account.png") });
  await maildash.getByRole("button", { name: "Revoke MailDash" }).click();
  await expect(page.getByRole("status")).toContainText("Access removed");
  await expect(page.getByText("No application has access to your account.")).toBeVisible();

  // The dashboard's next call: its access token is refused once the mail API's cached answer ends.
  await expect(async () => {
    await page.goto(`${lab.dashboardUrl}/inbox`);
    await expect(page.getByText("LabMail access was revoked; sign in again.").first()).toBeVisible({
      timeout: 1000,
    });
  }).toPass({ timeout: (LIFETIMES.introspection_cache.seconds + 10) * 1000 });
  await page.screenshot({ path: testInfo.outputPath("dashboard-after-revoke.png") });
});
