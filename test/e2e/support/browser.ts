// Launching Debian's Chromium through playwright-core (no browser download, ever), and when to skip instead.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { WEB_DIST, webBuilt } from './server.js';

export const CHROMIUM = process.env.HUIYI_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Why browser tests cannot run here (give it to `describe(..., { skip })`), or false. Also prints the reason,
 * so `npm test` output says what was skipped and how to enable it.
 */
export function e2eSkip(): string | false {
  let reason: string | false = false;
  if (process.env.HUIYI_E2E === '0') reason = 'HUIYI_E2E=0';
  else if (!existsSync(CHROMIUM)) reason = `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set HUIYI_CHROMIUM)`;
  else if (!webBuilt()) reason = `the web app is not built (${WEB_DIST} missing): run npm run build`;
  if (reason) console.log(`# SKIP browser tests: ${reason}`);
  return reason;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--font-render-hinting=none'],
  });
}

export interface ViewOptions {
  /** a desktop (1440×900, default) or a tablet in landscape (1180×820) or portrait (820×1180) */
  device?: 'desktop' | 'tablet' | 'tablet-portrait';
  /** browser language: 'zh-CN' (default) or 'en' */
  locale?: 'zh-CN' | 'en';
}

const SIZES = { desktop: { width: 1440, height: 900 }, tablet: { width: 1180, height: 820 }, 'tablet-portrait': { width: 820, height: 1180 } };

/** A fresh context (own cookies and storage) at `baseURL`; page errors and CSP violations fail loudly via `problems`. */
export async function newPage(browser: Browser, baseURL: string, o: ViewOptions = {}): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const locale = o.locale ?? 'zh-CN';
  const context = await browser.newContext({
    baseURL,
    viewport: SIZES[o.device ?? 'desktop'],
    locale,
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    hasTouch: o.device !== undefined && o.device !== 'desktop',
    extraHTTPHeaders: { 'accept-language': locale === 'en' ? 'en-US,en;q=0.9' : 'zh-CN,zh;q=0.9' },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  page.setDefaultTimeout(15_000);
  return { context, page, problems };
}
