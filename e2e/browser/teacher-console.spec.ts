// Issue 10, "Teacher console", in real browsers: the teacher creates three student accounts and gets the
// printable sheet; a student signs in to MailDash with a one-time password, chooses a password, walks
// three guided steps; the teacher's console (never reloaded) shows step 3. axe-core on every new page.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { DEMO_USERS, GUIDED_STEP_COUNT } from "@oauth-flow-lab/lab";
import { expect, type Page, test } from "@playwright/test";
import { logIn, signIn, startSignIn } from "../support/dashboard.ts";
import { startGuidedFlow } from "../support/guided.ts";
import { issuer, lab } from "../support/lab.ts";

const teacher = DEMO_USERS.find((u) => u.role === "teacher") ?? DEMO_USERS[0];

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a class in three accounts; a student's first sign-in and guided steps appear live in the console", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const shot = (name: string) => testInfo.outputPath(name);
  const suffix = randomBytes(3).toString("hex");
  const names = [`Ada Lovelace${suffix}`, `Alan Turing${suffix}`, `Grace Hopper${suffix}`];

  // Signed out of MailDash, the guided flow says that nothing reaches the teacher.
  const anonymous = await browser.newPage();
  await anonymous.goto(`${lab.dashboardUrl}/guided`);
  await expect(anonymous.getByText("Sign in to MailDash so your teacher sees your progress.")).toBeVisible();
  await anonymous.close();

  // The teacher: signs in, opens the console from the account page, pastes three names.
  const teacherContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const consolePage = await teacherContext.newPage();
  await signIn(consolePage, teacher);
  await consolePage.goto(`${issuer}/account`);
  await consolePage.getByRole("link", { name: "Teacher console" }).click();
  await expect(consolePage.getByRole("heading", { name: "Teacher console" })).toBeVisible();
  await expectNoAxeViolations(consolePage);
  await consolePage.getByLabel("Names, one per line").fill(names.join("\n"));
  await consolePage.getByRole("button", { name: "Create accounts" }).click();

  // The sheet: the POST's answer, one slip per student; the passwords exist nowhere else.
  await expect(consolePage.getByRole("heading", { name: "3 new accounts" })).toBeVisible();
  expect(consolePage.url()).toBe(`${issuer}/console/accounts`);
  const slips = consolePage.getByRole("list", { name: "Accounts" }).getByRole("listitem");
  await expect(slips).toHaveCount(3);
  await expectNoAxeViolations(consolePage);
  await consolePage.screenshot({ path: shot("sheet.png") });
  const slip = {
    username: (await slips.nth(0).locator("dd").nth(0).textContent()) ?? "",
    password: (await slips.nth(0).locator("dd").nth(1).textContent()) ?? "",
  };
  expect(slip.username).toBe(`ada.lovelace${suffix}`);
  // Printed, only the slips: the instructions and links are for the screen.
  await consolePage.emulateMedia({ media: "print" });
  await expect(consolePage.getByRole("link", { name: "Back to the teacher console" })).toBeHidden();
  await expect(slips.nth(2)).toBeVisible();
  await consolePage.screenshot({ path: shot("sheet-print.png"), fullPage: true });
  await consolePage.emulateMedia({ media: "screen" });

  await consolePage.getByRole("link", { name: "Back to the teacher console" }).click();
  const row = consolePage.getByRole("row", { name: names[0] });
  await expect(row).toContainText("Has not chosen a password yet");
  await expect(row).toContainText("Not started");
  await expect(consolePage.getByText(slip.password)).toHaveCount(0);
  await consolePage.screenshot({ path: shot("console.png") });
  // Marks this document: still there at the end means the page was never reloaded.
  await consolePage.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });

  // The student: signs in to MailDash with the one-time password and must choose a new one first.
  const student = await (await browser.newContext()).newPage();
  await startSignIn(student);
  await logIn(student, slip);
  await expect(student.getByRole("heading", { name: "Choose your password" })).toBeVisible();
  await expectNoAxeViolations(student);
  await student.screenshot({ path: shot("choose-password.png") });
  await student.getByLabel("New password", { exact: true }).fill("copper kite meadow");
  await student.getByLabel("New password, again").fill("copper kite meadow");
  await student.getByRole("button", { name: "Save and continue" }).click();
  await student.getByRole("button", { name: "Allow" }).click();
  await expect(student).toHaveURL(new RegExp(`^${lab.dashboardUrl}/inbox`));
  await expect(row).toContainText("Active");

  // Three guided steps, signed in: no "sign in" note, and each step shown is reported.
  await startGuidedFlow(student);
  await expect(student.getByText("Sign in to MailDash so your teacher sees your progress.")).toHaveCount(0);
  await expect(row).toContainText(`Step 1 of ${GUIDED_STEP_COUNT}`);
  await student.getByRole("link", { name: "Next", exact: true }).click();
  await expect(student).toHaveURL(`${lab.dashboardUrl}/guided/2`);
  await student.getByRole("link", { name: "Go to LabMail to sign in" }).click();
  await student.getByRole("button", { name: "Allow" }).click();
  await expect(student).toHaveURL(`${lab.dashboardUrl}/guided/3`);

  await expect(row).toContainText(`Step 3 of ${GUIDED_STEP_COUNT}`);
  expect(await consolePage.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await expectNoAxeViolations(consolePage);
  await consolePage.screenshot({ path: shot("console-progress.png") });
});
