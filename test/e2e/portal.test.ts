// The patient portal on a phone (390×844): from the sign-in page to "Register", a real-name registration (a wrong
// 身份证 check digit shown beside the field first), signed in to the portal's home; the bottom tabs; a doctor (desktop)
// releases a lab report from the chart and the patient reads it; a 停诊 notice in the inbox; the satisfaction survey
// after a finished visit; the same 身份证 again is sent to the registration desk; the language switch; signing in
// again lands in the portal (also on a desktop).
// Screenshots: test-output/screenshots/portal-*.png.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { e2eSkip, launchBrowser, newPage, startServer, loginAs, screenshot, submitLogin, type TestServer } from './support/index.js';
import type { Resource } from '../../src/fhir/types.js';
import { fillRegistration, newPatient, phonePage } from './portal-support.js';

const skip = e2eSkip();

const DAY = 86_400_000;

describe('the patient portal on a phone', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    [server, browser] = await Promise.all([startServer({ patients: 6 }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  const sys = () => ({ tenant: server.tenant });

  test('register → signed in → home; tabs; released results; inbox; survey; duplicate; language', async () => {
    const person = newPatient();
    const phone = await phonePage(browser, server.url);
    const doctor = await newPage(browser, server.url);
    const again = await phonePage(browser, server.url, 'en');
    try {
      const page = phone.page;
      // 1. from the sign-in page to the registration form
      await page.goto('/login');
      await page.getByTestId('register-link').waitFor();
      await screenshot(page, 'portal-00-login');
      await page.getByTestId('register-link').click();
      await page.waitForURL(/\/register$/);
      await screenshot(page, 'portal-01-register-empty');

      // 2. a wrong check digit is reported beside the number, before anything is sent
      const wrong = `${person.idNumber.slice(0, 17)}${person.idNumber[17] === '1' ? '2' : '1'}`;
      await fillRegistration(page, { ...person, idNumber: wrong });
      await page.getByTestId('register-submit').click();
      const idError = page.locator('#portal-register_idNumber_help');
      await idError.waitFor();
      assert.match(await idError.innerText(), /校验码错误/);
      await screenshot(page, 'portal-02-register-bad-id');

      // 3. fixed: registered, signed in, at the portal's home
      await page.locator('#portal-register_idNumber').fill(person.idNumber);
      await page.getByTestId('register-submit').click();
      await page.waitForURL(/\/portal$/);
      await page.getByTestId('portal-hello').filter({ hasText: person.name }).waitFor();
      await page.getByTestId('portal-tabs').waitFor();
      const [patient] = (await server.store.repo.search(sys(), { types: ['Patient'], params: [['identifier', person.idNumber]] })).matches;
      assert.ok(patient, 'the Patient is stored');
      assert.equal(patient.gender, 'female');
      assert.equal(patient.birthDate, '1992-06-15');
      await screenshot(page, 'portal-03-home');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `no sideways scrolling on a phone (${width}px)`);

      // 4. data for the other pages: a final lab report, a finished clinic visit, a 停诊 notice with an offered slot
      const pid = patient.id as string;
      const ref = { reference: `Patient/${pid}` };
      const now = Date.now();
      const seed: Resource[] = [
        { resourceType: 'Observation', id: `obs-${pid}-hb`, status: 'final', code: { text: '血红蛋白', coding: [{ system: 'http://loinc.org', code: '718-7', display: 'Hemoglobin' }] }, subject: ref, effectiveDateTime: new Date(now - DAY).toISOString(), valueQuantity: { value: 102, unit: 'g/L' }, referenceRange: [{ low: { value: 115, unit: 'g/L' }, high: { value: 150, unit: 'g/L' } }] },
        { resourceType: 'Observation', id: `obs-${pid}-wbc`, status: 'final', code: { text: '白细胞计数', coding: [{ system: 'http://loinc.org', code: '6690-2', display: 'WBC' }] }, subject: ref, effectiveDateTime: new Date(now - DAY).toISOString(), valueQuantity: { value: 6.1, unit: '10*9/L' }, referenceRange: [{ low: { value: 3.5, unit: '10*9/L' }, high: { value: 9.5, unit: '10*9/L' } }] },
        { resourceType: 'DiagnosticReport', id: `rep-${pid}`, status: 'final', category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }], code: { text: '血常规', coding: [{ system: 'http://loinc.org', code: '58410-2', display: 'CBC panel' }] }, subject: ref, issued: new Date(now - DAY).toISOString(), result: [{ reference: `Observation/obs-${pid}-hb` }, { reference: `Observation/obs-${pid}-wbc` }] },
        { resourceType: 'Encounter', id: `enc-${pid}`, status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }, subject: ref, serviceType: { coding: [{ system: 'https://huiyi.dev/fhir/CodeSystem/department', code: '03.02', display: '消化内科' }] }, participant: [{ individual: { reference: 'Practitioner/x', display: '陈医生' } }], period: { start: new Date(now - 2 * DAY - 3600_000).toISOString(), end: new Date(now - 2 * DAY).toISOString() } },
        { resourceType: 'Slot', id: `slot-${pid}`, status: 'free', schedule: { reference: `Schedule/sch-${pid}` }, start: new Date(now + 3 * DAY).toISOString(), end: new Date(now + 3 * DAY + 600_000).toISOString() },
        { resourceType: 'Schedule', id: `sch-${pid}`, actor: [{ reference: 'Practitioner/x', display: '陈医生' }, { reference: 'Location/y', display: '消化内科 2 诊室' }] },
        {
          resourceType: 'Communication', id: `msg-${pid}`, status: 'completed', subject: ref, recipient: [ref], sent: new Date(now - 3600_000).toISOString(), about: [{ reference: `Appointment/appt-${pid}` }],
          payload: [
            { extension: [{ url: 'http://huiyi.health/fhir/StructureDefinition/language', valueCode: 'zh-CN' }], contentString: '因医生临时停诊，您明天上午的消化内科预约已取消。可改约以下时间。' },
            { extension: [{ url: 'http://huiyi.health/fhir/StructureDefinition/language', valueCode: 'en' }], contentString: 'The clinic was cancelled; your appointment tomorrow morning is cancelled. You may move to a time below.' },
            { contentReference: { reference: `Slot/slot-${pid}` } },
          ],
        },
      ];
      for (const r of seed) await server.store.repo.update(sys(), r);

      // 5. before release the patient sees no report; the doctor releases it from the chart
      await page.getByTestId('tab-me').click();
      await page.getByTestId('me-name').filter({ hasText: person.name }).waitFor();
      await screenshot(page, 'portal-04-me');
      await page.getByTestId('me-results').click();
      await page.getByTestId('results-page').getByText('暂无已发布的报告').waitFor();

      await loginAs(doctor.page, 'doctor');
      await doctor.page.goto(`/patients/${pid}`);
      await doctor.page.getByTestId('chart-tabs').getByRole('tab', { name: '检验结果', exact: true }).click();
      await doctor.page.getByTestId('release-report').click();
      await doctor.page.locator('.ant-modal-confirm .ant-btn-primary').click();
      await doctor.page.getByTestId('report-released').waitFor();
      await screenshot(doctor.page, 'portal-05-doctor-released');

      await page.reload();
      await page.getByTestId('result-report').filter({ hasText: '血常规' }).waitFor();
      await page.getByTestId('result-value').filter({ hasText: '血红蛋白' }).getByText('偏低').waitFor();
      await screenshot(page, 'portal-06-results');

      // 6. the inbox: the release notice and the 停诊 notice with its offered time
      await page.getByRole('button', { name: /返回/ }).click();
      await page.getByTestId('me-inbox').click();
      const stop = page.getByTestId('message').filter({ hasText: '停诊' });
      await stop.waitFor();
      assert.equal(await stop.getAttribute('data-unread'), 'true');
      assert.equal(await page.getByTestId('message').count(), 2, 'the 停诊 notice and the report notice');
      await stop.click();
      await stop.getByTestId('offered-slot').filter({ hasText: '消化内科 2 诊室' }).waitFor();
      assert.equal(await stop.getAttribute('data-unread'), 'false');
      await screenshot(page, 'portal-07-inbox');
      const read = await server.store.repo.read(sys(), 'Communication', `msg-${pid}`);
      assert.ok(read.received, 'opening marked it read');

      // 7. the satisfaction survey of the finished visit
      await page.goto('/portal');
      await page.getByTestId('home-survey').click();
      await page.getByTestId('survey-visit').filter({ hasText: '消化内科' }).click();
      await page.getByTestId('survey-form').waitFor();
      await page.getByTestId('survey-submit').click();
      await page.locator('.ant-form-item-explain-error').first().waitFor();
      for (const id of ['registration', 'waiting', 'doctor', 'staff', 'privacy', 'environment', 'overall']) {
        // stars: 4 = 满意, 3 = 一般
        await page.getByTestId(`q-${id}`).locator('.ant-rate-star').nth(id === 'waiting' ? 2 : 3).click();
      }
      await page.getByTestId('q-recommend').getByText('是', { exact: true }).click();
      await page.getByTestId('q-comment').fill('医生很耐心，候诊有点久。');
      await screenshot(page, 'portal-08-survey');
      await page.getByTestId('survey-submit').click();
      await page.getByTestId('survey-done').waitFor();
      const qrs = (await server.store.repo.search(sys(), { types: ['QuestionnaireResponse'], params: [['encounter', `Encounter/enc-${pid}`]] })).matches;
      assert.equal(qrs.length, 1);
      assert.equal(qrs[0]?.status, 'completed');
      const answer = (linkId: string) => (qrs[0]?.item as { linkId: string; answer: { valueCoding?: { code: string } }[] }[]).find((i) => i.linkId === linkId)?.answer[0]?.valueCoding?.code;
      assert.equal(answer('waiting'), '3');
      assert.equal(answer('overall'), '4');

      // 8. the tabs on a phone: guide, book, queue (the other services' pages)
      for (const tab of ['guide', 'book', 'queue']) {
        await page.getByTestId(`tab-${tab}`).click();
        await page.waitForLoadState('networkidle');
      }
      await screenshot(page, 'portal-09-queue-empty');

      // 9. the same 身份证 once more, from another phone: refused, sent to the desk, no account
      const p2 = again.page;
      await p2.goto('/register');
      await fillRegistration(p2, { ...person, username: `${person.username}x` });
      await p2.getByTestId('register-submit').click();
      await p2.getByTestId('register-notice').filter({ hasText: /registration desk/ }).waitFor();
      await screenshot(p2, 'portal-10-register-duplicate-en');
      assert.match(p2.url(), /\/register$/);

      // 10. the language switch on "Me", then sign out
      await page.getByTestId('tab-me').click();
      await page.getByTestId('lang-switch').getByText('English').click();
      await page.getByRole('heading', { name: 'Me' }).waitFor();
      await screenshot(page, 'portal-11-me-en');
      await page.getByTestId('portal-logout').click();
      await page.waitForURL(/\/login/);

      // 11. signing in again as a patient lands in the portal (the patient's home); it also works on a desktop
      await page.setViewportSize({ width: 1280, height: 800 });
      await submitLogin(page, person.username, person.password);
      await page.waitForURL(/\/portal$/);
      await page.getByTestId('portal-hello').waitFor();
      await screenshot(page, 'portal-12-desktop-en');

      assert.deepEqual([...phone.problems, ...doctor.problems, ...again.problems], []);
    } finally {
      await phone.context.close();
      await doctor.context.close();
      await again.context.close();
    }
  });
});
