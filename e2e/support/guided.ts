// Page helpers for the guided flow (dashboard /guided/…).
import { expect, type Page } from "@playwright/test";
import { lab } from "./lab.ts";

/** The value shown next to a name in a guided page's value list: the <dd> after the <dt> of that name. */
export function parameterValue(page: Page, name: string) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page
    .getByRole("term")
    .filter({ hasText: new RegExp(`^${escaped}$`) })
    .locator("xpath=following-sibling::dd[1]//code");
}

export async function startGuidedFlow(page: Page): Promise<void> {
  await page.goto(`${lab.dashboardUrl}/guided`);
  await page
    .getByRole("button", { name: /^Start/ })
    .first()
    .click();
  await expect(page).toHaveURL(`${lab.dashboardUrl}/guided/1`);
}

/** The arrows of the guided page's sequence diagram. */
export function sequenceDiagram(page: Page) {
  return page.getByRole("region", { name: "Sequence diagram" }).getByRole("list", { name: "Exchanges of this flow, in order" });
}

/** Auto mode on, with the given delay in seconds ("2", "3", "5", "10"). */
export async function startAutoMode(page: Page, delay: string): Promise<void> {
  const auto = page.getByRole("group", { name: "Auto mode" });
  await auto.getByLabel("Auto: every").selectOption(delay);
  await auto.getByRole("button", { name: "Start auto" }).click();
  await expect(auto.getByRole("button", { name: "Stop auto" })).toBeVisible();
}
