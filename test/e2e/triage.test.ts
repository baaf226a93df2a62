// Emergency pre-triage in a real browser on a tablet: the demo ED triage nurse (`triage`) grades a chest-pain
// patient (HR 130, SBP 85 → Ⅱ级 for chest pain suggesting ACS, shown live with its reasons), saves, finds the patient
// on the live board; re-triages with worse vitals (→ Ⅰ级, "worsened" alert pushed over SSE) and sees the row turn red
// once the wait is overdue. Screenshots: test-output/screenshots/triage-*.png.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { demoPassword, e2eSkip, launchBrowser, loginAs, newPage, screenshot, startServer, type TestServer } from './support/index.js';

const skip = e2eSkip();

describe('emergency triage in the browser', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    [server, browser] = await Promise.all([startServer({ patients: 4 }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the triage nurse grades a chest-pain patient, saves, and follows them on the live board', async () => {
    const name = `急诊${'甲乙丙丁戊己庚辛'[Date.now() % 8]}${'子丑寅卯辰巳午未'[Math.floor(Date.now() / 8) % 8]}`;
    const { page, problems } = await newPage(browser, server.url, { device: 'tablet' });
    await loginAs(page, 'nurse', { username: 'triage', password: demoPassword('triage') });
    // two patients already waiting (through the API, as the page would): a yellow and a green one
    const { csrfToken } = await (await page.context().request.get('/auth/me')).json() as { csrfToken: string };
    for (const body of [
      { newPatient: { name: '腹痛老人', sex: 'female', age: 72 }, age: 72, complaint: '腹痛半天', vitals: { heartRate: 96, systolicBP: 142, painScore: 5 }, expectedResources: 2 },
      { newPatient: { name: '扭伤小伙', sex: 'male', age: 24 }, age: 24, complaint: '右踝扭伤', vitals: { heartRate: 78, painScore: 3 }, expectedResources: 1 },
    ]) {
      const r = await page.context().request.post('/api/triage/encounters', { data: body, headers: { 'x-csrf-token': csrfToken } });
      assert.equal(r.status(), 201, await r.text());
    }
    await page.getByTestId('nav').getByText('预检分诊', { exact: true }).click();
    await page.waitForURL(/\/triage$/);
    await page.getByTestId('triage-page').waitFor();

    await page.locator('#triage-name').fill(name);
    await page.locator('#triage-age').fill('62');
    await page.locator('#triage-complaint').fill('胸痛1小时，伴大汗');
    await page.locator('#triage-heartRate').fill('130');
    await page.locator('#triage-systolicBP').fill('85');
    await page.locator('#triage-spo2').fill('95');
    for (let i = 0; i < 3; i++) await page.getByTestId('resources').getByRole('button', { name: '+' }).click();
    assert.equal(await page.getByTestId('resources-value').innerText(), '2');

    const result = page.locator('[data-testid="triage-result"][data-level="2"]');
    await result.waitFor();
    assert.equal(await page.getByTestId('triage-level').innerText(), 'Ⅱ级');
    assert.match(await result.innerText(), /红区 · 10 分钟内就诊/);
    // the level is Ⅱ from the chest pain alone, so wait for the grading of the last input (the resources) to show
    await page.getByTestId('triage-reasons').filter({ hasText: '≥ 2 项急诊资源' }).waitFor();
    const reasons = await page.getByTestId('triage-reasons').innerText();
    assert.match(reasons, /胸痛疑似急性冠脉综合征 → Ⅱ级/);
    assert.match(reasons, /预计需要 ≥ 2 项急诊资源 → Ⅲ级/);
    assert.equal(await page.getByTestId('flag-chestPainACS').getAttribute('data-checked'), 'true', 'the complaint suggested the chest-pain chip');
    await screenshot(page, 'triage-01-form');
    // a tablet held upright: one column, the level rides along at the bottom
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.getByTestId('triage-bar').getByText('Ⅱ级').waitFor();
    await screenshot(page, 'triage-01b-portrait', { fullPage: false });
    await page.setViewportSize({ width: 1180, height: 820 });
    await page.getByTestId('triage-bar').waitFor({ state: 'detached' });

    await page.getByTestId('triage-save').click();
    await page.waitForURL(/\/emergency\/board$/);
    await page.getByTestId('board-status').getByText('实时').waitFor();
    const row = page.locator('tr', { hasText: name });
    await row.waitFor();
    assert.equal(await row.getByTestId('board-level').innerText(), 'Ⅱ级');
    assert.match(await row.innerText(), /胸痛1小时，伴大汗/);
    const [enc] = (await server.store.repo.search({ tenant: server.tenant }, { types: ['Encounter'], params: [['class', 'EMER'], ['status', 'triaged']] })).matches
      .filter((e) => (e.subject as { display?: string }).display === name);
    assert.ok(enc, 'the encounter is stored');
    assert.deepEqual((enc.location as { location: { reference: string } }[])[0]?.location.reference, 'Location/er-triage');
    await screenshot(page, 'triage-02-board');

    // re-triage from the board: worse vitals raise the level; the live board shows it with the alert
    await row.click();
    const dialog = page.locator('.ant-modal');
    await dialog.getByText('上次体征已预填').waitFor();
    assert.equal(await page.locator('#retriage-heartRate').inputValue(), '130');
    await page.locator('#retriage-heartRate').fill('190');
    await screenshot(page, 'triage-03-retriage', { fullPage: false });
    await page.getByTestId('retriage-submit').click();
    await page.getByText(/病情加重，已升级为 Ⅰ级/).waitFor();
    await row.getByTestId('board-level').getByText('Ⅰ级').waitFor();
    await row.getByText('病情加重 · 由 Ⅱ级 升级').waitFor();

    // an hour has passed (the arrival moved back): overdue, in red
    const stored = await server.store.repo.read({ tenant: server.tenant }, 'Encounter', enc.id as string);
    await server.store.repo.update({ tenant: server.tenant }, { ...stored, period: { start: new Date(Date.now() - 61 * 60_000).toISOString() } });
    await row.getByText('超时，需复评').waitFor();
    assert.equal(await row.getAttribute('data-overdue'), 'true');
    assert.match(await row.getByTestId('board-waited').innerText(), /^6[01] 分钟\n?超时 6[01] 分钟$/);
    await screenshot(page, 'triage-04-board-overdue');

    // the same board in English
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Emergency waiting board').waitFor();
    await row.getByText('Overdue: re-triage').waitFor();
    await screenshot(page, 'triage-05-board-en');
    assert.deepEqual(problems, []);
  });
});
