// The smart guide in a phone-sized browser: the 导诊台 nurse types 胸口疼出冷汗 → the emergency banner with the
// reason; 拉肚子两天 → 消化内科 first with its evidence; in English the same page answers in English.
// Screenshots: test-output/screenshots/guide-*.png.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { e2eSkip, launchBrowser, newPage, startServer, loginAs, screenshot, type TestServer } from './support/index.js';

const skip = e2eSkip();
const PHONE = { width: 390, height: 844 };

describe('smart guide on a phone', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    [server, browser] = await Promise.all([startServer({ patients: 2 }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('胸口疼出冷汗 → emergency banner; 拉肚子两天 → 消化内科 first', async () => {
    const { page, problems } = await newPage(browser, server.url);
    await page.setViewportSize(PHONE);
    await loginAs(page, 'nurse');
    await page.goto('/guide');
    await page.getByTestId('guide-panel').waitFor();
    await screenshot(page, 'guide-01-phone-empty');

    await page.getByTestId('guide-text').fill('胸口疼出冷汗');
    await page.getByTestId('guide-age').fill('58');
    await page.getByText('男', { exact: true }).click();
    await page.getByTestId('guide-submit').click();
    const banner = page.getByTestId('guide-emergency');
    await banner.waitFor();
    assert.match(await banner.innerText(), /请立即前往急诊/);
    assert.match(await banner.innerText(), /胸口疼、出冷汗/);
    assert.equal(await page.getByTestId('guide-department').first().getAttribute('data-code'), '20');
    await screenshot(page, 'guide-02-phone-emergency');

    await page.getByRole('button', { name: /清\s*空/ }).click();
    await page.getByTestId('guide-text').fill('拉肚子两天');
    await page.getByTestId('guide-submit').click();
    await page.getByTestId('guide-result').waitFor();
    const first = page.getByTestId('guide-department').first();
    await first.waitFor();
    assert.equal(await first.getAttribute('data-code'), '03.02');
    assert.match(await first.innerText(), /消化内科/);
    assert.match(await first.innerText(), /拉肚子/);
    assert.equal(await page.getByTestId('guide-emergency').count(), 0);
    assert.equal(await page.getByTestId('guide-book').count(), 0, 'the staff page does not book');
    // the panel fits the phone (the shell's header is not this module's)
    const box = await page.getByTestId('guide-panel').boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, JSON.stringify(box));
    await screenshot(page, 'guide-03-phone-diarrhoea');
    assert.deepEqual(problems, []);
  });

  test('in English: body-part chip, pregnancy switch, answer in English', async () => {
    const { page, problems } = await newPage(browser, server.url, { locale: 'en' });
    await page.setViewportSize(PHONE);
    await loginAs(page, 'nurse');
    await page.goto('/guide');
    await page.getByTestId('guide-text').fill('toothache since yesterday');
    await page.getByTestId('guide-parts').getByText('Mouth and teeth').click();
    await page.getByText('Female', { exact: true }).click();
    await page.getByTestId('guide-pregnant').click();
    await page.getByTestId('guide-submit').click();
    const rows = page.getByTestId('guide-department');
    await rows.first().waitFor();
    assert.equal(await rows.first().getAttribute('data-code'), '12');
    assert.match(await rows.first().innerText(), /Stomatology/);
    assert.equal(await rows.nth(1).getAttribute('data-code'), '05.02', 'obstetrics is listed for a pregnant woman');
    assert.match(await page.getByTestId('guide-advice').innerText(), /Suggested department: Stomatology/);
    await screenshot(page, 'guide-04-phone-english');
    assert.deepEqual(problems, []);
  });
});
