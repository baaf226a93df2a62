// Ant Design modals and popconfirms open with a zoom motion. A click on a button of one that still moves can be
// lost (the CI run of 2026-11-27 waited 15 s for the merge dialog's "target required" message after clicking its
// submit button; one of 2026-11-28 for the result of a stop-session popconfirm), so wait for the motion to end first.
import type { Page } from 'playwright-core';

async function settled(page: Page, overlay: string): Promise<void> {
  await page.locator(`${overlay}:visible`).first().waitFor();
  await page.waitForFunction((o) => !document.querySelector(`${o}[class*="-appear"], ${o}[class*="-enter"]`), overlay);
}

export const modalSettled = (page: Page): Promise<void> => settled(page, '.ant-modal');
export const popconfirmSettled = (page: Page): Promise<void> => settled(page, '.ant-popover');

/** Click `testId` in an open modal until `expected` shows (at most three clicks, `each` ms apart): only for clicks that are safe to repeat, e.g. a submit that fails validation. */
export async function clickUntil(page: Page, testId: string, expected: string, each = 5000): Promise<void> {
  await modalSettled(page);
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId(testId).click();
    try {
      await page.locator(expected).first().waitFor({ timeout: each });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}
