// Shared support of the browser tests (playwright-core + Debian's Chromium). Typical use:
//   const skip = e2eSkip();
//   describe('…', { skip }, () => {
//     let server: TestServer; let browser: Browser;
//     before(async () => { server = await startServer(); browser = await launchBrowser(); });
//     after(async () => { await browser?.close(); await server?.close(); });
//     test('…', async () => { const { page } = await newPage(browser, server.url); await loginAs(page, 'doctor'); … await screenshot(page, 'x'); });
//   });
export { CHROMIUM, e2eSkip, launchBrowser, newPage, type ViewOptions } from './browser.js';
export { startServer, webBuilt, WEB_DIST, type TestServer, type ServerOptions } from './server.js';
export { loginAs, apiLogin, logout, submitLogin, totpCode, demoPassword, enrolledSecret, type DemoRole } from './login.js';
export { screenshot, SCREENSHOTS } from './screenshot.js';
export { choose } from './select.js';
export { clickUntil, modalSettled, popconfirmSettled } from './modal.js';
