// Picking an option of an Ant Design Select: wait until no other dropdown is still fading out (its options
// would match too), open this one, wait for its opening motion to end (an option clicked while the list still
// moves can land on its neighbour), click the option, and check the field shows it — picking again if not.
// Returns the option's text.
import type { Page } from 'playwright-core';

export async function choose(page: Page, testId: string, text: string | RegExp): Promise<string> {
  const open = page.locator('.ant-select-dropdown:visible');
  const field = page.getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    await open.first().waitFor({ state: 'hidden' });
    await field.click();
    const option = open.locator('.ant-select-item-option').filter({ hasText: text }).first();
    await option.waitFor();
    await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown[class*="-appear"], .ant-select-dropdown[class*="-enter"]'));
    const label = await option.innerText();
    await option.click();
    await open.first().waitFor({ state: 'hidden' });
    const shown = await field.innerText();
    if (shown.includes(label.trim())) return label;
    if (attempt === 3) throw new Error(`choose ${testId}: clicked "${label}" but the field shows "${shown}"`);
  }
}
