// Ant Design modals open with a zoom motion. A click on a button of one that still moves can be lost (the CI run
// of 2026-11-27 waited 15 s for the merge dialog's "target required" message after clicking its submit button),
// so wait for the motion to end first.
import type { Page } from 'playwright-core';

export async function modalSettled(page: Page): Promise<void> {
  await page.locator('.ant-modal:visible').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.ant-modal[class*="-appear"], .ant-modal[class*="-enter"]'));
}

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
