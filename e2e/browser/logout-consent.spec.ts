// Issue 9, "Accounts", in a real browser: MailDash signs in with mail.read only; Compose asks LabMail
// for mail.send alone (incremental consent), sends a mail to Bob through the mail API. Then
// "Sign out" ends LabMail's session too (RP-Initiated Logout), so the next "Sign in" shows the login
// page. axe-core on /compose and on LabMail's sign-out question and signed-out pages.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { logIn, signIn, startSignIn } from "../support/dashboard.ts";
import { alice, bob, forgetConsent, issuer, lab, mailApi, obtainTokens } from "../support/lab.ts";

test("mail.read at sign-in, mail.send asked for by Compose alone, send to Bob; sign out ends LabMail's session", async ({
  page,
}, testInfo) => {
  await forgetConsent(alice);
  await startSignIn(page);
  await logIn(page, alice);
  await expect(page.getByRole("heading", { name: /MailDash wants to access your LabMail account/ })).toBeVisible();
  await expect(page.getByText("Read your mail")).toBeVisible();
  await expect(page.getByText("mail.send")).toHaveCount(0);
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(new RegExp(`^${lab.dashboardUrl}/inbox`));

  await page.getByRole("link", { name: "Compose" }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/compose`);
  await expect(page.getByRole("heading", { name: "Compose" })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.getByRole("button", { name: "Allow sending with LabMail" }).click();

  // Already signed in at LabMail: straight to the consent page, which asks for mail.send only.
  await expect(page).toHaveURL(new RegExp(`^${issuer}/interaction/`));
  await expect(page.getByRole("heading", { name: "MailDash now also asks to:" })).toBeVisible();
  const asked = page.getByRole("list").first();
  await expect(asked.getByRole("listitem")).toHaveCount(1);
  await expect(asked.getByText("mail.send")).toBeVisible();
  await expect(page.getByRole("heading", { name: "You already allowed MailDash to:" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("consent-mail-send.png") });
  await page.getByRole("button", { name: "Allow" }).click();

  await expect(page).toHaveURL(`${lab.dashboardUrl}/compose`);
  const subject = `Lab report ${randomBytes(4).toString("hex")}`;
  await page.getByLabel("To").fill(bob.email);
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Message").fill("Hi Bob, here is my lab report.");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByText("Message sent.")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("sent.png") });

  // The mail API stored it, from Alice to Bob (its copy in Alice's "sent" folder), read with Alice's own token.
  const id = new URL(page.url()).searchParams.get("sent") ?? "";
  const { access_token } = await obtainTokens(undefined, alice);
  const response = await fetch(`${mailApi}/v1/messages/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${access_token}` },
  });
  expect(response.status).toBe(200);
  const message = (await response.json()) as { subject: string; to: unknown; from: unknown; folder: string };
  expect(message.subject).toBe(subject);
  expect(JSON.stringify(message.to)).toContain(bob.email);
  expect(JSON.stringify(message.from)).toContain(alice.email);

  // Sign out: MailDash, then LabMail's end_session_endpoint, then back to MailDash's landing page.
  await page.goto(`${lab.dashboardUrl}/inbox`);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/`);
  await expect(page.getByRole("button", { name: "Sign in with LabMail" })).toBeVisible();
  // The next student: LabMail asks for a password, not the previous student's consent.
  await startSignIn(page);
  await expect(page.getByLabel("Password")).toBeVisible();
});

test("LabMail's signed-out page is accessible", async ({ page }) => {
  await page.goto(`${issuer}/end-session`);
  await expect(page).toHaveURL(`${issuer}/end-session/signed-out`);
  await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test("on a bare link LabMail asks before ending the session; the question page is accessible", async ({ page }) => {
  await signIn(page, alice);
  // No id_token_hint: anyone's page could have sent this link, so LabMail asks (RP-Initiated Logout §2).
  await page.goto(`${issuer}/end-session`);
  await expect(page).toHaveURL(new RegExp(`^${issuer}/end-session/confirm`));
  await expect(page.getByRole("heading", { name: "Sign out of LabMail?" })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(`${issuer}/end-session/signed-out`);
  // LabMail's session is gone (MailDash's own session is MailDash's business).
  await page.goto(`${issuer}/account`);
  await expect(page.getByText("You are not signed in at LabMail on this browser.")).toBeVisible();
});
