// Small page helpers for the browser tests: the steps every journey starts with.
import { type BrowserContext, expect, type Page } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";
import { issuer, lab } from "./lab.ts";

/** Step 1 and 2: click "Sign in" on the dashboard and arrive at the AS's login page. */
export async function startSignIn(page: Page): Promise<void> {
  await page.goto(lab.dashboardUrl);
  await page.getByRole("button", { name: "Sign in with LabMail" }).click();
  await expect(page).toHaveURL(new RegExp(`^${issuer}/interaction/`));
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

export async function logIn(page: Page, user: { username: string; password: string }): Promise<void> {
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * The whole sign-in, ending on the inbox. The consent page appears only when LabMail does not remember
 * the user's consent to these scopes (MailDash no longer sends prompt=consent).
 */
export async function signIn(page: Page, user: { username: string; password: string }): Promise<void> {
  await startSignIn(page);
  await logIn(page, user);
  const allow = page.getByRole("button", { name: "Allow" });
  await expect(allow.or(page.getByRole("heading", { name: "Inbox" }))).toBeVisible();
  if (await allow.isVisible()) await allow.click();
  await expect(page).toHaveURL(new RegExp(`^${lab.dashboardUrl}/inbox`));
}

const SESSION_COOKIE = "next-auth.session-token";

function secret(): string {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value) throw new Error("NEXTAUTH_SECRET is not set: run the tests through playwright.config.ts");
  return value;
}

/**
 * Reads the dashboard's encrypted session cookie the way the dashboard's server does. Only a test that
 * holds NEXTAUTH_SECRET can do this; the browser itself cannot.
 */
export async function readSession(context: BrowserContext): Promise<Record<string, unknown>> {
  const cookie = (await context.cookies(lab.dashboardUrl)).find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error("no dashboard session cookie");
  const token = await decode({ token: cookie.value, secret: secret() });
  if (!token) throw new Error("the session cookie could not be decrypted");
  return token;
}

/** Rewrites the session (the demo clock: "the access token has expired now"). */
export async function writeSession(context: BrowserContext, session: Record<string, unknown>): Promise<void> {
  const value = await encode({ token: session, secret: secret() });
  await context.addCookies([{ name: SESSION_COOKIE, value, url: lab.dashboardUrl, httpOnly: true, sameSite: "Lax" }]);
}
