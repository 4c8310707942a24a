// Page helpers for the guided flow (dashboard /guided/…).
import { expect, type Page } from "@playwright/test";
import { lab } from "./lab.ts";

/** The value shown next to a name in a guided page's value list: the <dd> after the <dt> of that name. */
export function valueOf(page: Page, name: string) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page.getByRole("term").filter({ hasText: new RegExp(`^${escaped}$`) }).locator("xpath=following-sibling::dd[1]//code");
}

export async function startGuidedFlow(page: Page): Promise<void> {
  await page.goto(`${lab.dashboardUrl}/guided`);
  await page.getByRole("button", { name: /^Start/ }).first().click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/1`);
}
