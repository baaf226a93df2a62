// Patients in a real browser: a doctor finds a demo patient by pinyin and by name, registers a new patient (an
// invalid 身份证 number is explained next to the field, a valid one fills in birth date and sex), is warned about
// duplicates when registering again, and merges a duplicate from the search results.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { e2eSkip, launchBrowser, newPage, startServer, loginAs, screenshot, clickUntil, type TestServer } from './support/index.js';
import { checkCharacter } from '../../src/modules/emr/patients/citizen-id.js';

const skip = e2eSkip();
const idNumber = (first17: string) => first17 + checkCharacter(first17);

describe('patients in the browser', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    [server, browser] = await Promise.all([startServer({ patients: 8 }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a doctor finds a demo patient by pinyin and by name, registers a patient, and is warned about duplicates', async () => {
    // a demo patient with a pinyin name
    const found = await server.store.repo.search({ tenant: server.tenant }, { types: ['Patient'], params: [['_count', '20']] });
    const demo = found.matches.find((p) => (p.name as { use?: string }[] | undefined)?.some((n) => n.use === 'usual'));
    assert.ok(demo, 'the demo hospital has patients with pinyin names');
    const names = demo.name as { use: string; text: string }[];
    const zh = names.find((n) => n.use === 'official')!.text;
    const py = names.find((n) => n.use === 'usual')!.text;

    const { page, context, problems } = await newPage(browser, server.url);
    try {
      await loginAs(page, 'doctor');
      await page.getByTestId('nav').getByText('患者', { exact: true }).click();
      await page.waitForURL(/\/patients$/);
      await page.getByTestId('patient-results').locator('tbody tr.ant-table-row').first().waitFor();
      await screenshot(page, 'patients-search-recent');

      // by pinyin, written together and lower-case, as a clerk types it
      const box = page.getByTestId('patient-search').locator('input');
      await box.fill(py.toLowerCase().replace(/[^a-z]/g, ''));
      await box.press('Enter');
      await page.getByTestId('search-summary').getByText('按拼音').waitFor();
      await page.getByTestId('patient-results').getByText(zh, { exact: true }).waitFor();
      await screenshot(page, 'patients-search-pinyin');
      // by name
      await box.fill(zh);
      await box.press('Enter');
      await page.getByTestId('search-summary').getByText('按姓名').waitFor();
      assert.ok(await page.getByTestId('patient-results').getByText(zh, { exact: true }).count() >= 1);
      await screenshot(page, 'patients-search-name');
      // nothing found: an empty state that says so
      await box.fill('查无此人');
      await box.press('Enter');
      await page.getByTestId('no-match').waitFor();
      await screenshot(page, 'patients-search-empty');

      // registration: an invalid 身份证 number is explained next to the field
      await page.getByTestId('register-button').click();
      await page.waitForURL(/\/patients\/new$/);
      await page.locator('#register_name').fill('林小雨');
      const valid = idNumber('35020319880416002');
      const wrongCheck = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
      await page.locator('#register_idNumber').fill(wrongCheck);
      await page.locator('#register_phone').fill('13912345678');
      await page.getByTestId('register-submit').click();
      const idHelp = page.locator('#register_idNumber_help');
      await idHelp.getByText('校验码错误，请核对号码').waitFor();
      await screenshot(page, 'patients-register-invalid-id');
      // as the clerk types, the problem of the moment
      await page.locator('#register_idNumber').fill('123');
      await idHelp.getByText('公民身份号码应为 18 位').waitFor();

      // the valid number fills in birth date and sex
      await page.locator('#register_idNumber').fill(valid);
      await page.getByTestId('filled-from-id').waitFor();
      assert.equal(await page.locator('#register_birthDate').inputValue(), '1988-04-16');
      await idHelp.getByText('校验码错误').waitFor({ state: 'detached' });
      await screenshot(page, 'patients-register-filled');
      await page.getByTestId('register-submit').click();
      const done = page.getByTestId('registered');
      await done.waitFor();
      assert.match(await done.innerText(), /林小雨，病案号 08\d{6}/);
      await screenshot(page, 'patients-register-done');

      // the same document again: refused, with the existing patient to open
      await page.getByRole('button', { name: '继续登记' }).click();
      await page.locator('#register_name').fill('林小雨');
      await page.locator('#register_idNumber').fill(valid);
      await page.getByTestId('filled-from-id').waitFor();
      await page.locator('#register_phone').fill('13912345678');
      await page.getByTestId('register-submit').click();
      const warning = page.getByTestId('duplicate-warning');
      await warning.getByText('该证件号码已登记，不能重复建档').waitFor();
      await warning.getByText('林小雨').waitFor();
      assert.equal(await page.getByTestId('register-anyway').count(), 0, 'no way around a registered document number');
      await screenshot(page, 'patients-register-duplicate-id');

      // another document, same name, birth date and phone: possibly the same person; the clerk may go on
      await page.locator('#register_idType').click();
      await page.locator('.ant-select-dropdown').getByText('护照', { exact: true }).click();
      await page.locator('#register_idNumber').fill('E12345678');
      await page.getByTestId('register-submit').click();
      await warning.getByText('可能重复：已有同名、同出生日期、同电话的患者').waitFor();
      await screenshot(page, 'patients-register-possible-duplicate');
      await page.getByTestId('register-anyway').click();
      await page.getByTestId('registered').waitFor();

      // both records are found by the pinyin initials; merge the passport record into the first
      await page.goto('/patients?q=lxy');
      const rows = page.getByTestId('patient-results').locator('tbody tr.ant-table-row', { hasText: '林小雨' });
      await rows.nth(1).waitFor();
      assert.equal(await rows.count(), 2);
      await screenshot(page, 'patients-search-initials');
      await rows.nth(1).getByTestId('merge-button').click();
      await clickUntil(page, 'merge-submit', '#merge_target_help');
      await page.locator('#merge_target').fill('lxy');
      await page.locator('.ant-select-dropdown .ant-select-item-option').first().click();
      await page.getByTestId('merge-reason').fill('同一患者以身份证和护照各登记一次');
      await screenshot(page, 'patients-merge-dialog');
      await page.getByTestId('merge-submit').click();
      await page.getByTestId('merged-tag').waitFor();
      await screenshot(page, 'patients-merged');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('English, and a tablet: the search page and the registration errors in the user\'s language', async () => {
    const { page, context, problems } = await newPage(browser, server.url, { locale: 'en', device: 'tablet' });
    try {
      await loginAs(page, 'doctor');
      await page.goto('/patients/new');
      await page.getByTestId('register-submit').click();
      await page.locator('#register_name_help').getByText('Required').waitFor();
      await page.locator('#register_birthDate_help').getByText('Required').waitFor();
      await page.locator('#register_idNumber').fill('11010519491231002Y');
      await page.locator('#register_idNumber_help').getByText('A citizen ID number is 17 digits followed by a digit or X').waitFor();
      await screenshot(page, 'patients-register-errors-en-tablet');
      await page.goto('/patients');
      await page.getByTestId('patient-results').locator('tbody tr.ant-table-row').first().waitFor();
      await screenshot(page, 'patients-search-en-tablet');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a nurse sees only the patients on her ward and cannot register', async () => {
    const { page, context, problems } = await newPage(browser, server.url);
    try {
      await loginAs(page, 'nurse');
      await page.goto('/patients');
      await page.getByTestId('search-summary').waitFor();
      assert.equal(await page.getByTestId('register-button').count(), 0);
      await screenshot(page, 'patients-search-nurse');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
