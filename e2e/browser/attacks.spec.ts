// The attack lab in a real browser: each scenario's page, "Run attack", and the verdicts as the page
// shows them. The real side must name the check that refused (the page reads it from the servers'
// trace, it never asserts it); where there is a naive twin, the twin must have been fooled. axe on the
// index and on every scenario page, before and after the run; screenshots in presenter mode (1280×720).
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { lab } from "../support/lab.ts";

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Opens a scenario, checks it with axe, runs the attack and checks the result page with axe too. */
async function runScenario(page: Page, id: string, presenter = false) {
  await page.goto(`${lab.dashboardUrl}/attacks/${id}${presenter ? "?presenter=1" : ""}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Attack ${id}:`);
  await expect(page.getByText(/plays both the victim/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: /^Run attack/ }).click();
  await expect(page.getByRole("button", { name: "Reset" })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByText(/^The run stopped/)).toHaveCount(0);
  await expectNoAxeViolations(page);
}

/** The summary line of one attempt: "Real: ✓ Refused by <check>" (and "Twin: …"). */
function attemptSummary(page: Page, attempt: string) {
  return page.locator(`[data-attempt="${attempt}"] > summary`);
}

async function expectRefusedBy(page: Page, attempt: string, check: string | RegExp) {
  const summary = attemptSummary(page, attempt);
  await expect(summary).toContainText(typeof check === "string" ? `Refused by ${check}` : check);
}

test("the index lists the scenarios by the step they attack, each with its status; axe", async ({ page }) => {
  await page.goto(`${lab.dashboardUrl}/`);
  await page.getByRole("link", { name: "Attack lab" }).click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/attacks`);
  for (const step of ["Step 2", "Step 4", "Step 5", "Step 6"])
    await expect(page.getByRole("heading", { level: 2, name: new RegExp(`^${step}`) })).toBeVisible();
  await expect(page.locator("[data-status-of='7']")).toHaveText("not run");
  await expectNoAxeViolations(page);
});

test("2: a read-only token tries to send mail: 403, refused by route-scope", async ({ page }) => {
  await runScenario(page, "2");
  await expectRefusedBy(page, "send", "route-scope");
  await expect(page.getByText(/HTTP 403 insufficient_scope/).first()).toBeVisible();
  // The index now shows it.
  await page.goto(`${lab.dashboardUrl}/attacks`);
  await expect(page.locator("[data-status-of='2']")).toHaveText("defence held");
});

test("3: an edited payload: 401, refused by jwt-signature", async ({ page }) => {
  await runScenario(page, "3");
  await expectRefusedBy(page, "edit-payload", "jwt-signature");
});

test("4: forged tokens: each refused by its check at the real mail API, each accepted by the naive endpoint", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await runScenario(page, "4", true);
  await page.screenshot({ path: testInfo.outputPath("attack-4-presenter.png") });
  const expected: Record<string, RegExp> = {
    "alg-none": /Refused by jwt-header/,
    "hs256-public-key": /Refused by jwt-header/,
    "jwk-injected": /Refused by jwt-signature/,
    jku: /Refused by jwt-signature/,
    "wrong-aud": /Refused by jwt-(signature|audience)/,
    "wrong-iss": /Refused by jwt-(signature|issuer)/,
    "wrong-typ": /Refused by jwt-header/,
    expired: /Refused by jwt-(signature|lifetime)/,
  };
  // Soft: one report lists every forgery whose verdict is off, not only the first.
  for (const [attempt, check] of Object.entries(expected)) {
    await expect.soft(attemptSummary(page, attempt)).toContainText(check);
    await expect.soft(attemptSummary(page, attempt)).toContainText("Fooled: it accepted");
  }
  await expect(page.locator("[data-scenario-status]")).toHaveAttribute("data-scenario-status", "twin-fooled");
});

test("7: code replay refused by code-unused, the first access token then refused by token-active; parallel redemptions: one wins", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await runScenario(page, "7");
  await expectRefusedBy(page, "replay", "code-unused");
  await expectRefusedBy(page, "parallel", "code-unused");
  await page.locator("[data-attempt='replay'] > summary").click();
  await page.locator("[data-attempt='parallel'] > summary").click();
  await expect(page.locator("[data-attempt='replay'] [data-observation-seen]")).toHaveAttribute("data-observation-seen", "yes");
  await expect(page.locator("[data-attempt='replay'] [data-observation-seen]")).toContainText("token-active");
  await expect(page.locator("[data-attempt='parallel'] [data-observation-seen]")).toHaveText(/1 of 2 got tokens/);
});

test("8: another client redeems the code: invalid_grant, refused by code-client", async ({ page }) => {
  await runScenario(page, "8");
  await expectRefusedBy(page, "other-client", "code-client");
  await expect(page.getByText(/HTTP 400 invalid_grant/).first()).toBeVisible();
});

test("10: a different redirect_uri at /token: refused by code-redirect-uri", async ({ page }) => {
  await runScenario(page, "10");
  await expectRefusedBy(page, "redirect-uri", "code-redirect-uri");
});

test("12: PKCE downgrade (no challenge, plain): refused at /authorize by check-pkce", async ({ page }, testInfo) => {
  await runScenario(page, "12", true);
  await page.screenshot({ path: testInfo.outputPath("attack-12-presenter.png") });
  await expectRefusedBy(page, "no-challenge", "check-pkce");
  await expectRefusedBy(page, "plain", "check-pkce");
});

test("13: scope upgrade on refresh: invalid_scope, refused by refresh-scope-not-widened", async ({ page }) => {
  await runScenario(page, "13");
  await expectRefusedBy(page, "scope-upgrade", "refresh-scope-not-widened");
  await expect(page.getByText(/HTTP 400 invalid_scope/).first()).toBeVisible();
});

test("14: a rotated refresh token reused: refused by refresh-token-unused, and the legitimate session's new one dies too", async ({
  page,
}, testInfo) => {
  await runScenario(page, "14", true);
  await page.screenshot({ path: testInfo.outputPath("attack-14-presenter.png") });
  await expectRefusedBy(page, "reuse", "refresh-token-unused");
  await expect(page.locator("[data-attempt='reuse'] [data-observation-seen]")).toHaveAttribute("data-observation-seen", "yes");
});

test("1: where is the token? Our client's history holds a code refused by code-pkce; the twin's holds a live token", async ({
  page,
}, testInfo) => {
  await runScenario(page, "1", true);
  await page.screenshot({ path: testInfo.outputPath("attack-1-presenter.png") });
  await expectRefusedBy(page, "history", "code-pkce");
  await expect(attemptSummary(page, "history")).toContainText("Fooled: it accepted");
  await expect(page.locator("[data-scenario-status]")).toHaveAttribute("data-scenario-status", "twin-fooled");
});

test("5: clickjacking: LabMail's page says frame-ancestors 'none', and the framed consent page stays blank", async ({ page }, testInfo) => {
  // What the browser says about the frame: MailDash's page may frame LabMail (frame-src), and LabMail's
  // own frame-ancestors 'none' is what refuses it.
  const messages: string[] = [];
  page.on("console", (message) => messages.push(message.text()));
  await runScenario(page, "5", true);
  await page.screenshot({ path: testInfo.outputPath("attack-5-presenter.png") });
  await expectRefusedBy(page, "frame", "frame-ancestors");
  await expect(page.locator("[data-attempt='frame']")).toContainText("frame-ancestors 'none'");
  // The frame holds no LabMail page: no form, no button for alice to be tricked into pressing.
  await expect(page.frameLocator("[data-clickjack-frame]").locator("form, input, button")).toHaveCount(0);
  await expect.poll(() => messages.join("\n")).toContain("frame-ancestors 'none'");
  expect(messages.join("\n")).not.toContain("frame-src");
});

test("6: CSRF on the callback: the client core refuses bob's state (client-state); the twin signs alice in as bob", async ({
  page,
}, testInfo) => {
  await runScenario(page, "6", true);
  await page.screenshot({ path: testInfo.outputPath("attack-6-presenter.png") });
  await expectRefusedBy(page, "forced-login", "client-state");
  await expect(attemptSummary(page, "forced-login")).toContainText("Fooled: it accepted");
  await expect(page.getByText(/signed in as bob/).first()).toBeAttached();
});

test("9: redirect_uri bent at /authorize: the error page, refused by check-redirect-uri; the prefix twin leaks the code", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  await runScenario(page, "9", true);
  await page.screenshot({ path: testInfo.outputPath("attack-9-presenter.png") });
  for (const attempt of ["other-host", "extra-path", "dot-dot"])
    await expect.soft(attemptSummary(page, attempt)).toContainText("Refused by check-redirect-uri");
  for (const attempt of ["extra-path", "dot-dot"]) await expect.soft(attemptSummary(page, attempt)).toContainText("Fooled: it accepted");
  await expect(page.locator("[data-scenario-status]")).toHaveAttribute("data-scenario-status", "twin-fooled");
});

test("11: a stolen code without the verifier: refused by code-pkce, directly and injected; the twin without PKCE is taken over", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  await runScenario(page, "11", true);
  await page.screenshot({ path: testInfo.outputPath("attack-11-presenter.png") });
  for (const attempt of ["direct", "injection"]) {
    await expect.soft(attemptSummary(page, attempt)).toContainText("Refused by code-pkce");
    await expect.soft(attemptSummary(page, attempt)).toContainText("Fooled: it accepted");
  }
  // The AS checks PKCE before it spends a code: the attacker burnt nothing, alice's own client redeems it.
  await expect(page.getByText("alice's own client then redeems that code").first()).toBeAttached();
  await expect(page.locator("[data-observation-seen='no']")).toHaveCount(0);
  await expect(page.locator("[data-scenario-status]")).toHaveAttribute("data-scenario-status", "twin-fooled");
});

test("15: consent revoked, tokens kept: the refresh is refused at once, the access token by token-active within the cache", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  await runScenario(page, "15", true);
  await page.screenshot({ path: testInfo.outputPath("attack-15-presenter.png") });
  await expectRefusedBy(page, "refresh", "refresh-token-not-revoked");
  await expectRefusedBy(page, "access-token", "token-active");
  await page.locator("[data-attempt='access-token'] > summary").click();
  await expect(page.locator("[data-attempt='access-token'] [data-observation-seen]")).toHaveAttribute("data-observation-seen", "yes");
  await expect(page.locator("[data-attempt='access-token'] [data-observation-seen]")).toContainText("exp is");
});

test("16: mix-up: the client core refuses LabMail's iss for the evil AS (client-iss); the twin sends the code to the evil AS", async ({
  page,
}, testInfo) => {
  await runScenario(page, "16", true);
  await page.screenshot({ path: testInfo.outputPath("attack-16-presenter.png") });
  await expectRefusedBy(page, "mix-up", "client-iss");
  await expect(attemptSummary(page, "mix-up")).toContainText("Fooled: it accepted");
  await expect(page.locator("[data-attempt='mix-up'] [data-observation-seen]")).toHaveAttribute("data-observation-seen", "yes");
  await expect(page.locator("[data-scenario-status]")).toHaveAttribute("data-scenario-status", "twin-fooled");
});

test("the transcript downloads without any secret or the trace capability; Reset puts the scenario back", async ({ page }) => {
  await runScenario(page, "10");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the transcript (JSON)" }).click();
  const file = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  const transcript = JSON.parse(text) as { format: string; run: { attempts: unknown[] } };
  expect(transcript.format).toBe("oauth-flow-lab/attack-transcript");
  expect(transcript.run.attempts).toHaveLength(1);
  for (const secret of [process.env.GUIDED_CLIENT_SECRET, process.env.DASHBOARD_CLIENT_SECRET, process.env.NEXTAUTH_SECRET]) {
    expect(secret && text.includes(secret)).toBeFalsy();
  }
  expect(text).toContain("private trace capability, hidden");
  await page.getByRole("button", { name: "Reset" }).click();
  await expect(page.getByRole("button", { name: "Run attack" })).toBeVisible();
  await expect(page.locator("[data-scenario-status]")).toHaveAttribute("data-scenario-status", "not-run");
});
