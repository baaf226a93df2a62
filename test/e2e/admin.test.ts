// The admin workspace in a real browser: add a user (errors next to the fields, the password shown once),
// register an OAuth client (the secret shown once), and edit an access policy (the server's validation shown).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { e2eSkip, launchBrowser, newPage, startServer, loginAs, screenshot, popconfirmSettled, type TestServer } from './support/index.js';

// antd buttons: two CJK characters get a space ("创 建"), and a button that was loading may keep its hidden
// loading icon's label in its name for a moment; hence /创\s?建$/.
const skip = e2eSkip();

describe('admin workspace', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  before(async () => {
    [server, browser] = await Promise.all([startServer({ patients: 4 }), launchBrowser()]);
    ({ page, problems } = await newPage(browser, server.url));
    await loginAs(page, 'admin');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('add a user: a taken name is flagged at the field; a new one gets a one-time password and can sign in', async () => {
    await page.goto('/system/users');
    await page.getByTestId('users-table').getByText('nurse', { exact: true }).waitFor();
    await page.getByRole('button', { name: '新增用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#user_username').fill('doctor');
    await dialog.locator('#user_fhirUser').click();
    await page.locator('.ant-select-dropdown').getByText('于娟', { exact: false }).first().click();
    await dialog.getByRole('button', { name: /创\s?建$/ }).click();
    await dialog.locator('#user_username_help').getByText('该用户名已被使用。').waitFor();
    await screenshot(page, 'admin-user-add-error', { fullPage: false });

    await dialog.locator('#user_username').fill('zhang.wei');
    await dialog.locator('#user_displayName').fill('张伟');
    await dialog.getByRole('button', { name: /创\s?建$/ }).click();
    const result = page.getByTestId('password-result');
    await result.waitFor();
    const password = (await result.locator('code').innerText()).trim();
    assert.match(password, /^\w{5}(-\w{5}){3}$/);
    await screenshot(page, 'admin-user-added', { fullPage: false });
    await page.getByRole('button', { name: /关\s?闭$/ }).click();
    await page.getByTestId('users-table').getByText('zhang.wei').waitFor();

    const r = await fetch(`${server.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zhang.wei', password }) });
    assert.equal(r.status, 200);
    assert.deepEqual(problems, []);
  });

  test('disable and enable a user', async () => {
    await page.goto('/system/users');
    const row = page.getByTestId('users-table').locator('tr', { hasText: 'pharmacist' });
    await row.getByRole('button', { name: '停用' }).click();
    await popconfirmSettled(page);
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s?认$/ }).click();
    await row.getByText('已停用').waitFor();
    await screenshot(page, 'admin-users-disabled');
    await row.getByRole('button', { name: '启用' }).click();
    await popconfirmSettled(page);
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s?认$/ }).click();
    await row.getByText('正常').waitFor();
  });

  test('register an OAuth client: client_id and secret shown once', async () => {
    await page.goto('/system/clients');
    await page.getByRole('button', { name: '注册应用' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#client_name').fill('随访小程序');
    await dialog.getByText('机密客户端（密钥）').click();
    await dialog.locator('#client_redirectUris').fill('https://followup.example.org/cb');
    await dialog.locator('#client_redirectUris').press('Enter');
    await dialog.getByRole('button', { name: /注\s?册$/ }).click();
    const created = page.getByTestId('client-created');
    await created.waitFor();
    assert.match(await created.innerText(), /client_secret/);
    await screenshot(page, 'admin-client-created', { fullPage: false });
    await page.getByRole('button', { name: /关\s?闭$/ }).click();
    await page.getByTestId('clients-table').getByText('随访小程序').waitFor();
    await screenshot(page, 'admin-clients');
  });

  test('edit an access policy: an unknown resource type is refused next to its field', async () => {
    await page.goto('/system/policies');
    await page.getByTestId('policy-roles').getByText('药师').click();
    const form = page.getByTestId('policy-form');
    await form.locator('#policy_read').fill('NoSuchType');
    await form.locator('#policy_read').press('Enter');
    await form.getByRole('button', { name: /保\s?存$/ }).click();
    await form.locator('#policy_read_help').getByText('未知的资源类型“NoSuchType”').waitFor();
    await screenshot(page, 'admin-policy-error');
    assert.deepEqual(problems, []);
  });
});
