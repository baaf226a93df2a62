// The chart and the encounter journeys in a real browser: a doctor opens a demo patient's chart and sees the vital
// sign trends with their normal ranges; starts an outpatient visit and calls the patient in; admits a patient to a
// free bed of the respiratory ward; the ward's nurse signs in on a tablet and finds that patient on her bed board.
// Also (no browser needed): the boundaries of the adult normal ranges the charts shade.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { Resource } from '../../src/fhir/types.js';
import { e2eSkip, launchBrowser, newPage, startServer, apiLogin, loginAs, screenshot, type TestServer, choose } from './support/index.js';
import { ADULT_RANGES, classify, rangeFor } from '../../web/src/modules/emr/chart/vital-ranges.js';

describe('vital-sign normal ranges (data)', () => {
  test('each range includes both ends; a reading just outside is low or high after rounding', () => {
    const cases: [Parameters<typeof classify>[0], number, string][] = [
      ['temp', 35.9, 'low'], ['temp', 36.0, 'normal'], ['temp', 37.0, 'normal'], ['temp', 37.1, 'high'], ['temp', 37.04, 'normal'], ['temp', 37.05, 'high'],
      ['hr', 59, 'low'], ['hr', 60, 'normal'], ['hr', 100, 'normal'], ['hr', 101, 'high'], ['hr', 100.4, 'normal'],
      ['rr', 11, 'low'], ['rr', 12, 'normal'], ['rr', 20, 'normal'], ['rr', 21, 'high'],
      ['spo2', 95, 'low'], ['spo2', 96, 'normal'], ['spo2', 100, 'normal'],
      ['sbp', 89, 'low'], ['sbp', 90, 'normal'], ['sbp', 139, 'normal'], ['sbp', 140, 'high'],
      ['dbp', 59, 'low'], ['dbp', 60, 'normal'], ['dbp', 89, 'normal'], ['dbp', 90, 'high'],
    ];
    for (const [k, v, want] of cases) assert.equal(classify(k, v, 40), want, `${k} ${v}`);
  });

  test('adults only (from 14 years); no range for weight and height; every range cites its source', () => {
    assert.equal(rangeFor('hr', 13), undefined);
    assert.equal(classify('hr', 130, 13), undefined);
    assert.ok(rangeFor('hr', 14));
    assert.equal(classify('hr', 130, undefined), undefined);
    assert.equal(rangeFor('weight', 40), undefined);
    for (const [k, r] of Object.entries(ADULT_RANGES)) {
      assert.ok(r && r.low < r.high && r.source.length > 5, k);
    }
  });
});

const skip = e2eSkip();
const LOINC_TEMP = '8310-5';

describe('chart and encounters in the browser', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  let inpatient: string;
  let outpatient: string;
  const ctx = { tenant: 'default' };

  before(async () => {
    [server, browser] = await Promise.all([startServer({ patients: 24 }), launchBrowser()]);
    // a patient in hospital now (with a stay's worth of vital signs), and one who is not
    const stays = await server.store.repo.search(ctx, { types: ['Encounter'], params: [['class', 'IMP'], ['status', 'in-progress'], ['_count', '50']] });
    const admitted = new Set(stays.matches.map((e) => (e.subject as { reference: string }).reference.slice('Patient/'.length)));
    const withTemp = await server.store.repo.search(ctx, { types: ['Observation'], params: [['code', `http://loinc.org|${LOINC_TEMP}`], ['_count', '1000'], ['_elements', 'subject']] });
    const counts = new Map<string, number>();
    for (const o of withTemp.matches) {
      const p = (o.subject as { reference: string }).reference.slice('Patient/'.length);
      counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    inpatient = [...admitted].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0]!;
    const patients = await server.store.repo.search(ctx, { types: ['Patient'], params: [['_count', '100'], ['_sort', '_id']] });
    outpatient = patients.matches.map((p: Resource) => p.id as string).find((id) => !admitted.has(id))!;
    assert.ok(inpatient && (counts.get(inpatient) ?? 0) > 3, 'the demo has an inpatient with a temperature trend');
    assert.ok(outpatient, 'the demo has a patient who is not in hospital');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("the doctor opens an inpatient's chart: banner, summary, and the vital-sign trends with normal ranges", async () => {
    const { page, context, problems } = await newPage(browser, server.url);
    try {
      await apiLogin(page, 'doctor');
      await page.goto(`/patients/${inpatient}`);
      await page.getByTestId('patient-banner').waitFor();
      assert.match(await page.getByTestId('banner-location').innerText(), /住院/);
      assert.match(await page.getByTestId('banner-mrn').innerText(), /^\d{8}$/);
      await page.getByTestId('summary-tab').waitFor();
      await screenshot(page, 'chart-summary-zh');

      await page.getByRole('tab', { name: '生命体征' }).click();
      await page.getByTestId('vital-chart-temp').locator('canvas').waitFor();
      await page.getByTestId('vital-chart-hr').locator('canvas').waitFor();
      assert.match(page.url(), /tab=vitals/);
      assert.match(await page.getByTestId('vitals-tab').innerText(), /诊断学/);
      await screenshot(page, 'chart-vitals-zh');
      await page.getByText('记录表').click();
      await page.getByTestId('vitals-table').locator('tbody tr.ant-table-row').first().waitFor();
      await screenshot(page, 'chart-vitals-table-zh');

      await page.getByRole('tab', { name: '就诊记录' }).click();
      await page.getByTestId('encounters-table').waitFor();
      assert.match(await page.getByTestId('encounters-table').innerText(), /在院/);
      await page.getByRole('tab', { name: '诊断/问题' }).click();
      await page.getByTestId('problems-table').waitFor();
      assert.match(await page.getByTestId('problems-table').innerText(), /[A-Z]\d{2}/, 'ICD-10 codes are shown');
      await screenshot(page, 'chart-problems-zh');

      await page.getByTestId('lang-switch').getByText('English').click();
      await page.getByRole('tab', { name: 'Vital signs' }).click();
      await page.getByText('Trends').click();
      await page.getByTestId('vital-chart-temp').locator('canvas').waitFor();
      await screenshot(page, 'chart-vitals-en');
      await page.getByTestId('lang-switch').getByText('中文').click();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the doctor starts a visit for a patient and calls them in; it is in today\'s clinic queue', async () => {
    const { page, context, problems } = await newPage(browser, server.url);
    try {
      await apiLogin(page, 'doctor');
      await page.goto(`/patients/${outpatient}`);
      await page.getByTestId('patient-banner').waitFor();
      assert.match(await page.getByTestId('banner-location').innerText(), /未在院/);
      await page.getByTestId('start-visit').click();
      await page.getByTestId('start-visit-confirm').click();
      await page.getByTestId('banner-location').getByText('门诊就诊中').waitFor();
      await page.getByRole('tab', { name: '就诊记录' }).click();
      const arrived = page.getByTestId('encounters-table').locator('tbody tr.ant-table-row').filter({ has: page.locator('[data-status="arrived"]') });
      const key = await arrived.getAttribute('data-row-key');
      const row = page.locator(`tr[data-row-key="${key}"]`);
      await row.getByTestId('to-in-progress').click();
      await row.locator('[data-status="in-progress"]').waitFor();
      await screenshot(page, 'chart-visit-in-consultation');

      await page.goto('/');
      const queue = page.getByTestId('clinic-queue');
      await queue.getByTestId('queue-patient').first().waitFor();
      assert.match(await queue.innerText(), /就诊中/);
      await screenshot(page, 'doctor-home');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the doctor admits the patient to a free bed of the respiratory ward; the nurse of that ward sees them on her tablet', async () => {
    const { page, context, problems } = await newPage(browser, server.url);
    let bed = '';
    try {
      await apiLogin(page, 'doctor');
      await page.goto(`/patients/${outpatient}`);
      await page.getByTestId('patient-banner').waitFor();
      await page.getByTestId('admit').click();
      const dialog = page.locator('.ant-modal:visible');
      await dialog.waitFor();
      // the form explains what is missing, next to the fields
      await page.getByTestId('admit-submit').click();
      await dialog.getByText('请选择病区').waitFor();
      await choose(page, 'ward-select', '呼吸与危重症医学科病区');
      bed = (await choose(page, 'bed-select', /\d+床/)).split('（')[0]!.trim();
      await page.locator('#admit_reason').fill('社区获得性肺炎');
      await page.locator('#admit_icd').fill('肺炎');
      await page.getByTestId('admit-submit').click();
      await dialog.getByText('ICD-10 编码格式如 J18.9').waitFor();
      await page.locator('#admit_icd').fill('J18.9');
      await screenshot(page, 'admit-dialog', { fullPage: false });
      await page.getByTestId('admit-submit').click();
      await page.getByTestId('banner-location').getByText('住院').waitFor();
      assert.match(await page.getByTestId('banner-location').innerText(), new RegExp(bed));
      await screenshot(page, 'chart-admitted');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }

    const tablet = await newPage(browser, server.url, { device: 'tablet' });
    try {
      await loginAs(tablet.page, 'nurse');
      await tablet.page.getByTestId('nurse-home').waitFor();
      const card = tablet.page.getByTestId('bed-card').filter({ hasText: bed });
      await card.first().waitFor();
      assert.equal(await card.first().getAttribute('data-status'), 'O');
      const name = await card.first().getByTestId('bed-patient').innerText();
      assert.ok(name.length > 1);
      await screenshot(tablet.page, 'nurse-ward-board-tablet');
      // from the board to the chart
      await card.first().getByTestId('bed-patient').click();
      await tablet.page.getByTestId('patient-banner').waitFor();
      assert.match(await tablet.page.getByTestId('banner-location').innerText(), new RegExp(bed));
      await screenshot(tablet.page, 'nurse-chart-tablet');
      assert.deepEqual(tablet.problems, []);
    } finally {
      await tablet.context.close();
    }
  });
});
