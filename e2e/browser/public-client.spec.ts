// The public client in a real browser: the token request and the mail API call leave the page itself.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { logIn } from "../support/dashboard.ts";
import { bob, issuer, lab } from "../support/lab.ts";

test("MailDash Lite signs in with PKCE and no secret, from the browser, and reads the inbox", async ({ page }, testInfo) => {
  await page.goto(`${lab.dashboardUrl}/spa`);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.getByRole("button", { name: "Sign in with LabMail (public client)" }).click();
  await expect(page).toHaveURL(new RegExp(`^${issuer}/interaction/`));
  await logIn(page, bob);

  const tokenRequest = page.waitForRequest((r) => r.url() === `${issuer}/token` && r.method() === "POST");
  await page.getByRole("button", { name: "Allow" }).click();
  const request = await tokenRequest;
  // Sent by the browser, without any client authentication: only PKCE protects this code.
  expect(request.headers().authorization).toBeUndefined();
  expect(request.postData() ?? "").toContain("code_verifier=");
  expect(request.postData() ?? "").not.toContain("client_secret");

  await expect(page.getByRole("list", { name: "Messages" }).getByRole("listitem")).toHaveCount(5);
  await expect(page.getByText("✓ 3. Code received; state and iss checked")).toBeVisible();
  expect(page.url()).toBe(`${lab.dashboardUrl}/spa`); // the code was removed from the address bar
  await page.screenshot({ path: testInfo.outputPath("public-client.png"), fullPage: true });
});
