// The patient's journey on a phone (390×844), end to end in real browsers: register → describe the symptoms to the
// smart guide → book a slot of the recommended department today → move it to a later slot → check in → a doctor (second browser) calls next
// on /queue → the patient's queue page shows the call, and a nurse's waiting-room board (/queue/board, third
// browser) shows the masked name; finally a second booking is cancelled. The clinic session "now" is seeded (a free slot starting in a few minutes for the
// demo doctor), so check-in is open whenever the test runs. Screenshots: test-output/screenshots/journey-portal-*.png.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { APIRequestContext, Browser } from 'playwright-core';
import { e2eSkip, launchBrowser, newPage, startServer, loginAs, screenshot, demoPassword, type TestServer } from './support/index.js';
import { dayRange, localDate } from '../../src/modules/services/appointments/time.js';
import { fillRegistration, newPatient, phonePage } from './portal-support.js';

const skip = e2eSkip();

async function apiSession(request: APIRequestContext, role: string): Promise<{ csrf: string; fhirUser: string }> {
  const r = await request.post('/auth/login', { data: { username: role, password: demoPassword(role) } });
  if (!r.ok()) throw new Error(`login as ${role}: ${r.status()} ${await r.text()}`);
  const b = (await r.json()) as { csrfToken: string; user: { fhirUser: string } };
  return { csrf: b.csrfToken, fhirUser: b.user.fhirUser };
}

/** Two free 10-minute slots from a few minutes from now (inside today, hospital time), and one tomorrow. */
function slotsSoon(): { start: string; end: string }[] {
  const now = Date.now();
  const dayEnd = Date.parse(dayRange(localDate(now)).end) - 1000;
  const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
  const today = [0, 1].map((i) => {
    const start = Math.min(now + (3 + 10 * i) * 60_000, dayEnd - 60_000);
    return { start: iso(start), end: iso(Math.min(start + 10 * 60_000, dayEnd)) };
  });
  const tomorrow = Date.parse(dayRange(localDate(now + 86_400_000)).start) + 10 * 3600_000;
  return [...today, { start: iso(tomorrow), end: iso(tomorrow + 10 * 60_000) }];
}

describe('the patient journey on a phone: guide → book → check in → called', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    [server, browser] = await Promise.all([startServer({ patients: 6 }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('symptoms → 呼吸内科 → a slot today → check-in → the doctor calls → the phone and the board show it', async () => {
    const person = newPatient('journey');
    const phone = await phonePage(browser, server.url);
    const doctor = await newPage(browser, server.url);
    const nurse = await newPage(browser, server.url);
    try {
      // 0. the demo doctor (呼吸与危重症医学科) sits in clinic now: their schedule gets free slots starting soon
      const d = await apiSession(doctor.context.request, 'doctor');
      const headers = { 'x-csrf-token': d.csrf };
      const gen = await doctor.context.request.post('/api/appointments/slots/generate', { headers, data: { days: 1 } });
      assert.equal(gen.status(), 200, await gen.text());
      const schedules = await (await doctor.context.request.get(`/fhir/Schedule?actor=${d.fhirUser}&active=true`)).json() as { entry?: { resource: { id: string; specialty?: unknown; serviceType?: unknown; actor: { reference: string }[] } }[] };
      const schedule = schedules.entry?.[0]?.resource;
      assert.ok(schedule, `the demo doctor (${d.fhirUser}) has a clinic schedule`);
      const room = schedule.actor.map((a) => a.reference).find((r) => r.startsWith('Location/'))?.slice('Location/'.length);
      assert.ok(room);
      const soon = slotsSoon();
      const tx = await doctor.context.request.post('/fhir', {
        headers: { ...headers, 'content-type': 'application/fhir+json' },
        data: {
          resourceType: 'Bundle', type: 'transaction',
          entry: soon.map((s, i) => ({
            resource: { resourceType: 'Slot', id: `slot-e2e-portal-${i}`, schedule: { reference: `Schedule/${schedule.id}` }, status: 'free', start: s.start, end: s.end, specialty: schedule.specialty, serviceType: schedule.serviceType },
            request: { method: 'PUT', url: `Slot/slot-e2e-portal-${i}` },
          })),
        },
      });
      assert.equal(tx.status(), 200, await tx.text());

      // 1. the patient registers on the phone and lands in the portal
      const page = phone.page;
      await page.goto('/register');
      await fillRegistration(page, person);
      await page.getByTestId('register-submit').click();
      await page.waitForURL(/\/portal$/);
      await page.getByTestId('portal-hello').filter({ hasText: person.name }).waitFor();

      // 2. the smart guide: symptoms in their own words → departments → book 呼吸内科
      await page.getByTestId('tab-guide').click();
      await page.getByTestId('guide-page').waitFor();
      // (the guide's own form: H1's GuidePanel)
      // a department the demo hospital has no clinic for (变态反应 03.09) is recommended without a "book" button
      await page.getByTestId('guide-text').fill('反复荨麻疹，吃海鲜就过敏');
      await page.getByTestId('guide-submit').click();
      const allergy = page.locator('[data-testid="guide-department"][data-code="03.09"]');
      await allergy.getByTestId('guide-no-clinic').waitFor();
      assert.equal(await allergy.getByTestId('guide-book').count(), 0);
      assert.equal(await page.locator('[data-testid="guide-department"][data-code="13"]').getByTestId('guide-book').count(), 1);
      await page.getByTestId('guide-text').fill('咳嗽一个星期了，有黄痰，晚上咳得睡不着，有点发烧');
      await page.getByTestId('guide-submit').click();
      const dept = page.getByTestId('guide-department').filter({ hasText: '呼吸内科' }).first();
      await dept.waitFor();
      await screenshot(page, 'journey-portal-01-guide');
      await dept.getByTestId('guide-book').click();

      // 3. booking: the department and the guide's note come along; today; the first slot soon; confirm
      await page.waitForURL(/\/portal\/book/);
      await page.getByTestId('chosen-department').filter({ hasText: '呼吸内科' }).waitFor();
      await page.getByTestId('guide-note').waitFor();
      await page.getByTestId('day-0').click();
      await page.locator('[data-slot="slot-e2e-portal-0"]').click();
      await page.getByTestId('confirm-card').waitFor();
      await screenshot(page, 'journey-portal-02-book');
      await page.getByTestId('confirm-booking').click();
      await page.getByTestId('booked').waitFor();
      const [appointment] = (await server.store.repo.search({ tenant: server.tenant }, { types: ['Appointment'], params: [['slot', 'Slot/slot-e2e-portal-0']] })).matches;
      assert.ok(appointment, 'the appointment is stored');
      assert.equal(appointment.status, 'booked');
      assert.ok((appointment.supportingInformation as unknown[] | undefined)?.length, 'the guide note travels with it');
      await screenshot(page, 'journey-portal-03-booked');

      // 4. a second thought: a later time (改约) from My appointments, then check in there (it is today)
      await page.getByTestId('tab-book').click();
      await page.getByTestId('appointment').first().getByTestId('reschedule').click();
      await page.waitForURL(/reschedule=/);
      await page.locator('[data-slot="slot-e2e-portal-1"]').click();
      await page.getByTestId('confirm-booking').click();
      await page.getByTestId('booked').waitFor();
      const moved = await server.store.repo.read({ tenant: server.tenant }, 'Appointment', appointment.id as string);
      assert.deepEqual((moved.slot as { reference: string }[]).map((x) => x.reference), ['Slot/slot-e2e-portal-1']);
      assert.equal((await server.store.repo.read({ tenant: server.tenant }, 'Slot', 'slot-e2e-portal-0')).status, 'free', 'the first time is free again');
      await page.getByTestId('tab-book').click();
      const card = page.getByTestId('appointment').first();
      await card.getByTestId('check-in').click();
      await page.locator('.ant-modal-confirm .ant-btn-primary').click();
      await page.waitForURL(/\/portal\/queue$/);
      const ticket = page.getByTestId('queue-ticket').first();
      await ticket.waitFor();
      assert.equal(await ticket.getAttribute('data-status'), 'waiting');
      const number = (await ticket.getByTestId('ticket-number').innerText()).trim();
      assert.match(number, /^\d+$/);
      await screenshot(page, 'journey-portal-04-queue-waiting');
      await page.getByTestId('tab-book').click();
      await page.getByTestId('appointment').first().getByTestId('appointment-status').filter({ hasText: '已签到' }).waitFor();
      await screenshot(page, 'journey-portal-04b-appointments');
      await page.getByTestId('tab-queue').click();
      await page.getByTestId('queue-ticket').first().waitFor();

      // 5. the nurse puts up the waiting-room board for that room
      await loginAs(nurse.page, 'nurse');
      await nurse.page.goto(`/queue/board?room=${room}`);
      await nurse.page.getByTestId('queue-board').waitFor();

      // 6. the doctor opens /queue and calls next (the API session above signed this context in)
      await doctor.page.goto('/queue');
      await doctor.page.getByTestId('queue-waiting').getByText(person.name).waitFor();
      await doctor.page.getByTestId('call-next').click();
      await doctor.page.getByTestId('current-name').filter({ hasText: person.name }).waitFor();
      await screenshot(doctor.page, 'journey-portal-05-doctor-called');

      // 7. the phone shows the call (it polls), and the board the masked name (live)
      await page.locator('[data-testid="queue-ticket"][data-status="called"]').waitFor({ timeout: 20_000 });
      assert.match(await page.getByTestId('ticket-line').first().innerText(), /请到 .+ 就诊/);
      await screenshot(page, 'journey-portal-06-queue-called');
      const masked = `${person.name[0]}*${person.name[2]}`;
      await nurse.page.getByTestId('board-current-name').filter({ hasText: masked }).waitFor();
      assert.ok(!(await nurse.page.getByTestId('queue-board').innerText()).includes(person.name), 'the board never shows the full name');
      await screenshot(nurse.page, 'journey-portal-07-board');

      // 8. one more booking (tomorrow: one appointment per clinic session), cancelled again from My appointments: the slot is free again
      await page.getByTestId('tab-home').click();
      await page.getByTestId('home-book').click();
      await page.getByTestId('dept-03.01').click();
      await page.getByTestId('day-1').click();
      await page.locator('[data-slot="slot-e2e-portal-2"]').click();
      await page.getByTestId('confirm-booking').click();
      await page.getByTestId('booked').waitFor();
      await page.getByTestId('tab-book').click();
      const booked = page.getByTestId('appointment').filter({ has: page.getByTestId('cancel') });
      await booked.getByTestId('cancel').click();
      await page.getByTestId('confirm-cancel').click();
      await page.getByTestId('appointment').filter({ has: page.getByTestId('cancel') }).waitFor({ state: 'detached' });
      assert.equal((await server.store.repo.read({ tenant: server.tenant }, 'Slot', 'slot-e2e-portal-2')).status, 'free');
      await page.getByText('历史', { exact: true }).click();
      await page.getByTestId('appointment-status').filter({ hasText: '已取消' }).waitFor();
      await screenshot(page, 'journey-portal-08-cancelled');

      assert.deepEqual([...phone.problems, ...doctor.problems, ...nurse.problems], []);
    } finally {
      await phone.context.close();
      await doctor.context.close();
      await nurse.context.close();
    }
  });
});
