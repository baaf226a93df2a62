// Screenshots of what a test saw, in test-output/screenshots/<name>.png (git-ignored). Look at them.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO } from './server.js';

export const SCREENSHOTS = join(REPO, 'test-output', 'screenshots');

/** Wait for spinners to finish and fonts/animations to settle, then save the page (full height by default). */
export async function screenshot(page: Page, name: string, o: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  // a full-page shot of a scrolled page draws the sticky header in the middle
  if (o.fullPage ?? true) await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  const path = join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: o.fullPage ?? true, animations: 'disabled' });
  return path;
}
