// The web app shell in a real browser: sign-in (errors next to the form), the signed-in frame with the
// menu of the user's role, the language switch, the admin's TOTP enrolment, and the admin workspace.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { registerClient } from '../../src/security/oauth/clients.js';
import { e2eSkip, launchBrowser, newPage, startServer, loginAs, submitLogin, logout, screenshot, type TestServer } from './support/index.js';

const skip = e2eSkip();

describe('web shell', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    [server, browser] = await Promise.all([startServer({ patients: 6 }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a wrong password is explained next to the form, in the user\'s language', async () => {
    const { page, context, problems } = await newPage(browser, server.url);
    try {
      await page.goto('/');
      await page.waitForURL(/\/login/);
      await screenshot(page, 'shell-login-zh');
      await submitLogin(page, 'doctor', 'not-the-password');
      const alert = page.getByTestId('login-error');
      await alert.waitFor();
      assert.match(await alert.innerText(), /用户名或密码错误/);
      assert.match(await page.locator('#login_password_help, .ant-form-item-explain-error').first().innerText(), /用户名或密码错误/);
      // a required field left empty
      await page.locator('#login_username').fill('');
      await page.locator('form[id="login"] button[type="submit"]').click();
      await page.getByText('请输入用户名').waitFor();
      await screenshot(page, 'shell-login-error-zh');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a doctor signs in, sees the shell with their name and role, and switches zh ↔ en', async () => {
    const { page, context, problems } = await newPage(browser, server.url);
    try {
      await loginAs(page, 'doctor');
      const header = page.locator('.hy-header');
      assert.match(await header.innerText(), /于娟/);
      assert.match(await page.getByTestId('role-tag').innerText(), /医生/);
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
      await screenshot(page, 'shell-doctor-home-zh');

      await page.getByTestId('lang-switch').getByText('English').click();
      await page.getByTestId('role-tag').getByText('Doctor').waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await screenshot(page, 'shell-doctor-home-en');
      // the choice is remembered
      await page.reload();
      await page.getByTestId('role-tag').getByText('Doctor').waitFor();

      await page.goto('/no/such/page');
      await page.getByTestId('not-found').waitFor();
      await screenshot(page, 'shell-not-found-en');

      await page.getByTestId('lang-switch').getByText('中文').click();
      await page.getByTestId('role-tag').getByText('医生').waitFor();
      // the admin workspace is not in a doctor's menu
      assert.equal(await page.getByTestId('nav').getByText('用户管理').count(), 0);
      await logout(page);
      assert.match(page.url(), /\/login/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the shell fits a tablet: the menu collapses and opens', async () => {
    const { page, context, problems } = await newPage(browser, server.url, { device: 'tablet-portrait' });
    try {
      await loginAs(page, 'nurse');
      await screenshot(page, 'shell-nurse-tablet');
      await page.getByRole('button', { name: /展开菜单/ }).click();
      await page.getByTestId('nav').waitFor({ state: 'visible' });
      await screenshot(page, 'shell-nurse-tablet-menu');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a SMART app sends the user to the app\'s sign-in page, and back to the consent page after it', async () => {
    const { client } = await registerClient(server.store.db, server.tenant, { name: '随访 App', scope: 'launch/patient openid fhirUser patient/*.rs', redirectUris: ['http://localhost:9999/cb'] }, Date.now());
    const q = new URLSearchParams({
      response_type: 'code', client_id: client.clientId, redirect_uri: 'http://localhost:9999/cb', scope: 'launch/patient openid fhirUser patient/*.rs',
      state: 's1', aud: `${server.url}/fhir`, code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256',
    });
    const { page, context, problems } = await newPage(browser, server.url);
    try {
      await page.goto(`/oauth/authorize?${q}`);
      await page.waitForURL(/\/login\?returnTo=/);
      await submitLogin(page, 'doctor', 'Huiyi-doctor-2026!');
      await page.waitForURL(/\/oauth\/authorize/);
      await page.getByText('Authorization request').waitFor();
      await screenshot(page, 'shell-oauth-consent');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the admin enrols an authenticator at the first sign-in, then signs in with a code and sees the users', async () => {
    const { page, context, problems } = await newPage(browser, server.url);
    try {
      await page.goto('/login');
      await submitLogin(page, 'admin', 'Huiyi-admin-2026!');
      await page.getByTestId('totp-enrolment').waitFor();
      await page.locator('canvas, svg').first().waitFor();
      await screenshot(page, 'shell-admin-totp-enrolment');
      await page.locator('#totp-enrol_code').fill('000000');
      await page.getByTestId('totp-enrolment').locator('button[type="submit"]').click();
      await page.locator('#totp-enrol_code_help').waitFor();
      await screenshot(page, 'shell-admin-totp-wrong-code');
      await context.clearCookies();

      // loginAs completes the enrolment (reading the key from the page), then a second sign-in asks for a code
      await loginAs(page, 'admin');
      await page.getByTestId('admin-home').waitFor();
      await logout(page);
      await loginAs(page, 'admin');
      await page.getByTestId('admin-home').waitFor();
      await screenshot(page, 'shell-admin-home');
      await page.getByTestId('nav').getByText('用户管理').click();
      await page.getByTestId('users-table').getByText('doctor', { exact: true }).waitFor();
      await screenshot(page, 'shell-admin-users');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
