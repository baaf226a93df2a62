// Shared by the portal's browser tests: a phone-sized page, a new patient with a valid 身份证 number, and filling the
// registration form as a person does.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkCharacter } from '../../src/modules/emr/patients/citizen-id.js';

/** A phone: 390×844 CSS pixels, touch, Chinese, China time. */
export async function phonePage(browser: Browser, baseURL: string, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    baseURL, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale, timezoneId: 'Asia/Shanghai',
    extraHTTPHeaders: { 'accept-language': locale === 'en' ? 'en-US,en;q=0.9' : 'zh-CN,zh;q=0.9' },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.setDefaultTimeout(15_000);
  return { context, page, problems };
}

/** A unique person for this run (female, born 1992-06-15) with a valid 身份证 number. */
export function newPatient(tag = '') {
  const n = (Date.now() + tag.length * 7919) % 100_000_000;
  const given = '婉晴雅琳欣怡梦瑶诗涵';
  const name = `林${given[n % given.length]}${given[Math.floor(n / given.length) % given.length]}`;
  const seq = String(((n % 499) * 2 + 2) % 1000).padStart(3, '0'); // even: female
  const first17 = `310104${'19920615'}${seq}`;
  return { name, idNumber: first17 + checkCharacter(first17), phone: `137${String(n).padStart(8, '0')}`, username: `lin${n}`, password: 'lin-portal-2026' };
}

/** Fill the registration form as a person does. */
export async function fillRegistration(page: Page, p: ReturnType<typeof newPatient>): Promise<void> {
  await page.locator('#portal-register_name').fill(p.name);
  await page.locator('#portal-register_idNumber').fill(p.idNumber);
  await page.locator('#portal-register_phone').fill(p.phone);
  await page.locator('#portal-register_username').fill(p.username);
  await page.locator('#portal-register_password').fill(p.password);
  await page.locator('#portal-register_confirm').fill(p.password);
}

