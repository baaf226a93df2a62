// 分时段预约 in the browser, on the demo hospital with its generated slots: the ward's head nurse books a slot of the
// respiratory director's clinic for a patient on her ward; the director stops that session (停诊) with a reason;
// the appointment then shows as cancelled by the clinic, and the patient has a notice. Screenshots:
// test-output/screenshots/appointments-*.png.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { e2eSkip, launchBrowser, newPage, startServer, loginAs, screenshot, choose, popconfirmSettled, type TestServer } from './support/index.js';

const skip = e2eSkip();
const DOCTOR_ROLE = 'prole-001'; // the demo doctor: 呼吸与危重症医学科 director
const NURSE_ROLE = 'prole-004'; // the demo nurse: that department's head nurse

/** Type a date into an Ant Design DatePicker (the test id is on its input or around it). */
async function fillDate(page: Page, testId: string, date: string): Promise<void> {
  const el = page.getByTestId(testId);
  const input = (await el.evaluate((e) => e.tagName)) === 'INPUT' ? el : el.locator('input');
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

describe('appointments in the browser', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    [server, browser] = await Promise.all([startServer({ patients: 12 }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  const ctx = () => ({ tenant: server.tenant });
  const find = async (type: string, params: [string, string][]) => (await server.store.repo.search(ctx(), { types: [type], params })).matches;

  test('a nurse books a slot for a patient; the doctor stops the session; the appointment shows cancelled', async () => {
    // a demo patient on the nurse's ward (nurses find the patients of their ward: the access policy), and the
    // first free slot of the director's clinic
    const role = await server.store.repo.read(ctx(), 'PractitionerRole', NURSE_ROLE);
    const ward = (role.location as { reference: string }[])[0]?.reference as string;
    let [stay] = await find('Encounter', [['location', ward], ['status', 'in-progress'], ['class', 'IMP'], ['_count', '1']]);
    if (!stay) {
      stay = (await server.store.repo.create(ctx(), {
        resourceType: 'Encounter', status: 'in-progress', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
        subject: { reference: 'Patient/pat-0003' }, location: [{ location: { reference: ward }, status: 'active' }], period: { start: new Date().toISOString() },
      })).resource;
    }
    const patientId = (stay.subject as { reference: string }).reference.slice('Patient/'.length);
    const patient = await server.store.repo.read(ctx(), 'Patient', patientId);
    const patientName = (patient.name as { use?: string; text?: string }[]).find((n) => n.use === 'official')?.text ?? '';
    const [slot] = await find('Slot', [['schedule', `Schedule/sched-${DOCTOR_ROLE}`], ['status', 'free'], ['start', `gt${new Date(Date.now() + 600_000).toISOString()}`], ['_sort', 'start'], ['_count', '1']]);
    assert.ok(slot, 'the director has a free slot this week');
    const day = new Date(Date.parse(slot.start as string) + 8 * 3_600_000).toISOString().slice(0, 10);

    const nurse = await newPage(browser, server.url);
    const doctor = await newPage(browser, server.url);
    try {
      // 1. the nurse: patient → 呼吸内科 → the day → the time → confirm
      let page = nurse.page;
      await loginAs(page, 'nurse');
      await page.getByTestId('nav').getByText('预约挂号', { exact: true }).click();
      await page.waitForURL(/\/appointments/);
      await page.getByTestId('appointments-page').waitFor();
      await page.getByTestId('patient-picker').click();
      await page.keyboard.type(patientName);
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: patientName }).first();
      await option.waitFor();
      await option.click();
      await choose(page, 'department-select', '呼吸内科');
      await page.getByTestId('slot-grid').waitFor();
      await page.getByTestId(`day-${day}`).click();
      const button = page.getByTestId(`slot-${slot.id as string}`);
      await button.waitFor();
      assert.equal(await button.getAttribute('data-status'), 'free');
      await screenshot(page, 'appointments-01-nurse-slot-grid');
      await button.click();
      await page.getByTestId('book-summary').waitFor();
      assert.match(await page.getByTestId('book-summary').innerText(), new RegExp(patientName));
      await screenshot(page, 'appointments-02-nurse-confirm');
      await page.getByTestId('book-confirm').click();
      await page.locator('.ant-message').getByText(`已为 ${patientName} 预约`).waitFor();
      await page.locator(`[data-testid="slot-${slot.id as string}"][data-status="busy"]`).waitFor();
      await screenshot(page, 'appointments-03-nurse-booked');
      const [booked] = await find('Appointment', [['slot', `Slot/${slot.id as string}`]]);
      assert.equal(booked?.status, 'booked');
      assert.ok(JSON.stringify(booked?.participant).includes(`Patient/${patientId}`));

      // 2. the doctor stops that session
      page = doctor.page;
      await loginAs(page, 'doctor');
      await page.goto('/appointments?tab=roster');
      await page.getByTestId('appointments-page').waitFor();
      await choose(page, 'stop-department', '呼吸内科');
      await choose(page, 'stop-schedule', '★');
      await fillDate(page, 'stop-date', day);
      await page.getByTestId('stop-reason').fill('临时手术');
      await screenshot(page, 'appointments-04-doctor-stop-form');
      await page.getByTestId('stop-session-button').click();
      await popconfirmSettled(page);
      await page.getByTestId('stop-confirm').click();
      const result = page.getByTestId('stop-result');
      await result.waitFor();
      assert.match(await result.innerText(), /取消 1 个预约，通知 1 位患者/);
      await screenshot(page, 'appointments-05-doctor-stopped');

      // 3. the list shows the appointment cancelled by the clinic; the patient has the notice
      await page.getByTestId('appointment-tabs').getByRole('tab', { name: '预约列表' }).click();
      await fillDate(page, 'list-date', day);
      const row = page.getByTestId('appointment-list').locator('tr', { hasText: patientName });
      await row.getByTestId('appointment-status').getByText('已取消 · 停诊取消').waitFor();
      await screenshot(page, 'appointments-06-doctor-list-cancelled');
      await page.getByText('English', { exact: true }).click();
      await row.getByTestId('appointment-status').getByText('Cancelled · cancelled by the clinic').waitFor();
      await page.getByTestId('appointment-tabs').getByRole('tab', { name: 'Book' }).click();
      await choose(page, 'department-select', 'Respiratory Medicine');
      await page.getByTestId(`day-${day}`).click();
      await page.locator(`[data-testid="slot-${slot.id as string}"][data-status="busy-unavailable"]`).waitFor();
      await screenshot(page, 'appointments-07-doctor-grid-stopped-en');
      assert.equal((await server.store.repo.read(ctx(), 'Appointment', booked?.id as string)).status, 'cancelled');
      const notes = await find('Communication', [['recipient', `Patient/${patientId}`], ['category', 'notification']]);
      assert.equal(notes.length, 1);
      assert.deepEqual(nurse.problems, []);
      assert.deepEqual(doctor.problems, []);
    } finally {
      await nurse.context.close();
      await doctor.context.close();
    }
  });
});
