// Issue 10, "Mail app", in a real browser: Alice sends mail to Bob from MailDash (asking for mail.send
// only then), and Bob sees it in his inbox, finds it by search, opens it (asking for mail.modify, which
// marks it read), marks it unread again, and pages through his inbox with Older/Newer. axe-core reports
// no violation on the inbox, a message and Compose; screenshots at 1280x720.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { DASHBOARD_MAIL_PAGE_SIZE } from "@oauth-flow-lab/lab";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "../support/dashboard.ts";
import { alice, bob, forgetConsent, issuer, lab, mailApi, obtainTokens } from "../support/lab.ts";

// Each test starts like a student who never allowed MailDash anything: mail.send and mail.modify are
// then asked for, at LabMail, when Compose and the message page first need them.
test.beforeEach(async () => {
  await forgetConsent(alice);
  await forgetConsent(bob);
});

/** Bob's inbox holds more than one dashboard page, so that "Older" exists (topped up through the API). */
test.beforeAll(async () => {
  const bobToken = (await obtainTokens("openid mail.read", bob)).access_token;
  const inbox = await fetch(`${mailApi}/v1/messages?limit=1`, { headers: { authorization: `Bearer ${bobToken}` } });
  const { result_size_estimate } = (await inbox.json()) as { result_size_estimate: number };
  const aliceToken = (await obtainTokens("openid mail.send", alice)).access_token;
  for (let i = result_size_estimate; i <= DASHBOARD_MAIL_PAGE_SIZE; i++) {
    const sent = await fetch(`${mailApi}/v1/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${aliceToken}`, "content-type": "application/json" },
      body: JSON.stringify({ to: bob.email, subject: `Filler ${i}`, body: "More mail, so that the inbox has two pages." }),
    });
    expect(sent.status).toBe(201);
  }
});

/** Incremental consent: click the ask button, allow the new scope at LabMail, and come back. */
async function allowMore(page: Page, button: string, backAt: RegExp): Promise<void> {
  await page.getByRole("button", { name: button }).click();
  await expect(page).toHaveURL(new RegExp(`^${issuer}/`));
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(backAt);
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
}

test("Alice sends mail to Bob, and Bob sees it in the dashboard: search, read, unread, pagination", async ({ browser }, testInfo) => {
  const subject = `Project notes ${randomBytes(4).toString("hex")}`;
  const viewport = { width: 1280, height: 720 };

  // Alice: Compose needs mail.send, asked for only now.
  const aliceContext = await browser.newContext({ viewport });
  const alicePage = await aliceContext.newPage();
  await signIn(alicePage, alice);
  await alicePage.getByRole("link", { name: "Compose" }).click();
  await expect(alicePage.getByRole("heading", { name: "Compose" })).toBeVisible();
  await expect(alicePage.getByText("needs mail.send")).toBeVisible();
  await allowMore(alicePage, "Allow sending with LabMail", new RegExp(`^${lab.dashboardUrl}/compose`));
  await alicePage.getByLabel("To").fill(bob.email);
  await alicePage.getByLabel("Subject").fill(subject);
  await alicePage.getByLabel("Message").fill("Hi Bob,\n\nHere are the notes from today.\n\nAlice");
  await expectNoAxeViolations(alicePage);
  await alicePage.screenshot({ path: testInfo.outputPath("compose.png") });
  await alicePage.getByRole("button", { name: "Send" }).click();
  await expect(alicePage.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible();
  await alicePage.getByRole("link", { name: "Sent", exact: true }).first().click();
  await expect(alicePage.getByRole("heading", { name: "Sent" })).toBeVisible();
  await expect(alicePage.getByRole("list", { name: "Messages" }).getByText(subject)).toBeVisible();
  await aliceContext.close();

  // Bob: the message is in his inbox, unread.
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signIn(page, bob);
  const messages = page.getByRole("list", { name: "Messages" });
  const row = messages.getByRole("link").filter({ hasText: subject });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Alice Martin");
  await expect(row).toContainText("Unread");
  await expect(page.getByText("needs mail.read")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath("inbox.png") });

  // Pagination: Older, then Newer, returns to the same first page.
  const firstPage = await messages.getByRole("link").allTextContents();
  await page.getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/page_token=/);
  await expect(messages.getByRole("link").first()).toBeVisible();
  const secondPage = await messages.getByRole("link").allTextContents();
  expect(secondPage.some((text) => firstPage.includes(text))).toBe(false);
  await page.getByRole("link", { name: "← Newer" }).click();
  await expect(page).not.toHaveURL(/page_token=/);
  await expect(messages.getByRole("link")).toHaveText(firstPage);

  // Search: by subject, case-insensitively; only that message.
  await page.getByRole("searchbox", { name: "Search" }).fill(subject.toUpperCase());
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=/);
  await expect(messages.getByRole("link")).toHaveCount(1);
  await expect(messages.getByRole("link")).toContainText(subject);

  // Open it: marking read needs mail.modify, asked for on the message page.
  await messages.getByRole("link").click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  await expect(page.getByText("needs mail.modify")).toBeVisible();
  const messageUrl = page.url();
  await expect(page.getByText("Unread", { exact: true }), "without mail.modify, opening does not mark it read").toBeVisible();
  await allowMore(page, "Allow marking messages read or unread", new RegExp(`^${messageUrl}`));
  await expect(page.getByText("Read", { exact: true })).toBeVisible();
  await expect(page.getByText("Opened: marked as read.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath("message.png") });

  // Mark it unread again: back in the inbox, where it shows as unread.
  await page.getByRole("button", { name: "Mark as unread" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Marked as unread." })).toBeVisible();
  await expect(messages.getByRole("link").filter({ hasText: subject })).toContainText("Unread");
  await context.close();
});

test("an empty search says so, and Sent is a folder of its own", async ({ page }) => {
  await signIn(page, bob);
  await page.getByRole("searchbox", { name: "Search" }).fill(`nothing-like-this-${randomBytes(3).toString("hex")}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(/^No messages in Inbox match/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: "Sent" }).click();
  await expect(page.getByRole("heading", { name: "Sent" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Messages" }).getByRole("link").first()).toContainText("To:");
});
