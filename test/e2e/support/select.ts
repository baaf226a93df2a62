// Picking an option of an Ant Design Select: wait until no other dropdown is still fading out (its options
// would match too), open this one, click the option, and wait for it to close. Returns the option's text.
import type { Page } from 'playwright-core';

export async function choose(page: Page, testId: string, text: string | RegExp): Promise<string> {
  const open = page.locator('.ant-select-dropdown:visible');
  await open.first().waitFor({ state: 'hidden' });
  await page.getByTestId(testId).click();
  const option = open.locator('.ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor();
  const label = await option.innerText();
  await option.click();
  await open.first().waitFor({ state: 'hidden' });
  return label;
}
