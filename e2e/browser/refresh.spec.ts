// An expired access token is refreshed by the dashboard's server with the refresh token (rotation),
// and a refresh the AS refuses sends the user back to sign in with a clear message.
import { expect, test } from "@playwright/test";
import { readSession, signIn, writeSession } from "../support/dashboard.ts";
import { alice, bob, lab } from "../support/lab.ts";

test("an expired access token is refreshed, and the refresh token rotates", async ({ page, context }) => {
  await signIn(page, alice);
  const before = await readSession(context);
  expect(typeof before.refresh_token).toBe("string");

  // Expire the access token now instead of waiting ten minutes.
  await writeSession(context, { ...before, expires_at: Math.floor(Date.now() / 1000) - 5 });
  await page.goto(`${lab.dashboardUrl}/inbox`);
  await expect(page.getByRole("list", { name: "Messages" }).getByRole("listitem")).toHaveCount(20);

  const after = await readSession(context);
  expect(after.access_token).not.toBe(before.access_token);
  expect(after.refresh_token).not.toBe(before.refresh_token);
  expect(Number(after.expires_at)).toBeGreaterThan(Date.now() / 1000);
});

test("a refused refresh sends the user back to sign in with a clear message", async ({ page, context }) => {
  await signIn(page, bob);
  const session = await readSession(context);
  await writeSession(context, {
    ...session,
    refresh_token: "a-refresh-token-the-AS-never-issued",
    expires_at: Math.floor(Date.now() / 1000) - 5,
  });
  await page.goto(`${lab.dashboardUrl}/inbox`);
  await expect(page).toHaveURL(/error=SessionExpired/);
  await expect(page.getByText("LabMail access was revoked; sign in again.").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in with LabMail" })).toBeVisible();
});
