// Queue calling in real browsers: a patient has a checked-in appointment (seeded through the API: the doctor writes a
// Schedule, a Slot and the Appointment over FHIR, the patient checks in over /api/queue/check-in), the doctor opens
// /queue and calls next, and a nurse's second browser on the waiting-room board (/queue/board) sees the masked name
// appear live and hears it announced. Screenshots: test-output/screenshots/queue-*.png.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { e2eSkip, launchBrowser, newPage, startServer, loginAs, apiLogin, screenshot, demoPassword, type TestServer } from './support/index.js';
import { dayRange, localDate } from '../../src/modules/services/appointments/time.js';
import { runGuide } from '../../src/modules/services/guide/engine.js';
import { guideResponse } from '../../src/modules/services/guide/questionnaire-response.js';

const skip = e2eSkip();

/** A session for the API in this browser context: signs in and answers the CSRF token writes need. */
async function apiSession(request: APIRequestContext, role: string): Promise<string> {
  const r = await request.post('/auth/login', { data: { username: role, password: demoPassword(role) } });
  if (!r.ok()) throw new Error(`login as ${role}: ${r.status()} ${await r.text()}`);
  return ((await r.json()) as { csrfToken: string }).csrfToken;
}

/** A 20-minute slot around now, inside today (hospital time), so check-in is open whenever the test runs. */
function slotNow(): { start: string; end: string } {
  const now = Date.now();
  const day = dayRange(localDate(now));
  const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
  return { start: iso(Math.max(Date.parse(day.start), now - 10 * 60_000)), end: iso(Math.min(Date.parse(day.end) - 1000, now + 10 * 60_000)) };
}

describe('queue calling in the browser', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    [server, browser] = await Promise.all([startServer({ patients: 8 }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('checked-in patient → the doctor calls next → the nurse\'s board shows 任*琳 live and announces it', async () => {
    const doctor = await newPage(browser, server.url);
    const patient = await newPage(browser, server.url, { device: 'tablet-portrait' });
    const nurse = await newPage(browser, server.url);
    try {
      // 1. seed through the API: the doctor's clinic room, a slot now, an appointment for the demo patient (任倩琳)
      const csrf = await apiSession(doctor.context.request, 'doctor');
      const role = await (await doctor.context.request.get('/fhir/PractitionerRole/prole-001')).json() as { location?: { reference: string }[] };
      const room = (role.location ?? []).map((l) => l.reference.replace('Location/', '')).find((id) => id.startsWith('clinic-'));
      assert.ok(room, 'the demo doctor has a clinic room');
      const s = slotNow();
      const dept = { coding: [{ system: 'http://huiyi.health/fhir/CodeSystem/department', code: '03.01', display: '呼吸内科' }], text: '呼吸内科' };
      // what the patient told the smart guide when booking: the pre-visit note
      const guide = { text: '咳嗽三天，发热，有点喘', age: 34, sex: 'female' as const, pregnant: false, lang: 'zh' as const };
      const note = { ...guideResponse(guide, runGuide(guide), { patient: 'Patient/pat-0001' }), id: 'qr-e2e-queue' };
      const tx = await doctor.context.request.post('/fhir', {
        headers: { 'content-type': 'application/fhir+json', 'x-csrf-token': csrf, prefer: 'return=representation' },
        data: {
          resourceType: 'Bundle', type: 'transaction', entry: [
            { resource: { resourceType: 'Schedule', id: 'sched-e2e-queue', active: true, serviceType: [dept], actor: [{ reference: 'PractitionerRole/prole-001' }, { reference: `Location/${room}` }] }, request: { method: 'PUT', url: 'Schedule/sched-e2e-queue' } },
            { resource: { resourceType: 'Slot', id: 'slot-e2e-queue', schedule: { reference: 'Schedule/sched-e2e-queue' }, status: 'busy', start: s.start, end: s.end }, request: { method: 'PUT', url: 'Slot/slot-e2e-queue' } },
            { resource: note, request: { method: 'PUT', url: 'QuestionnaireResponse/qr-e2e-queue' } },
            {
              resource: {
                resourceType: 'Appointment', id: 'appt-e2e-queue', status: 'booked', start: s.start, end: s.end, serviceType: [dept], slot: [{ reference: 'Slot/slot-e2e-queue' }],
                supportingInformation: [{ reference: 'QuestionnaireResponse/qr-e2e-queue' }],
                participant: [
                  { actor: { reference: 'Patient/pat-0001' }, status: 'accepted' },
                  { actor: { reference: 'PractitionerRole/prole-001' }, status: 'accepted' },
                  { actor: { reference: `Location/${room}` }, status: 'accepted' },
                ],
              },
              request: { method: 'PUT', url: 'Appointment/appt-e2e-queue' },
            },
          ],
        },
      });
      assert.equal(tx.status(), 200, await tx.text());
      const pcsrf = await apiSession(patient.context.request, 'patient');
      const checkIn = await patient.context.request.post('/api/queue/check-in', { headers: { 'x-csrf-token': pcsrf }, data: { appointment: 'appt-e2e-queue' } });
      assert.equal(checkIn.status(), 201, await checkIn.text());
      const ticket = (await checkIn.json()) as { ticket: number; name: string; room: { name: string } };
      assert.equal(ticket.name, '任*琳');

      // 2. the nurse puts the board up for that room, with sound (speech recorded instead of played)
      await nurse.page.addInitScript(() => {
        const w = window as unknown as { __spoken: string[]; speechSynthesis?: { speak: (u: { text: string }) => void } };
        w.__spoken = [];
        if (w.speechSynthesis) w.speechSynthesis.speak = (u) => void w.__spoken.push(u.text);
      });
      await loginAs(nurse.page, 'nurse');
      await nurse.page.goto(`/queue/board?room=${room}`);
      const board = nurse.page.getByTestId('queue-board');
      await board.waitFor();
      await nurse.page.getByTestId('board-status').filter({ hasText: '实时' }).waitFor();
      await board.getByTestId('board-room').filter({ hasText: '任*琳' }).waitFor();
      await nurse.page.getByTestId('enable-sound').click();
      await nurse.page.getByTestId('sound-state').waitFor();
      await screenshot(nurse.page, 'queue-01-board-waiting');

      // 3. the doctor opens /queue (their room from the Schedule) and calls next
      // (signed in already: the API login above gave this browser context its session cookie)
      await doctor.page.goto('/');
      await doctor.page.getByTestId('sider').waitFor();
      await doctor.page.getByTestId('nav').getByText('叫号', { exact: true }).click();
      await doctor.page.waitForURL(/\/queue$/);
      const page: Page = doctor.page;
      await page.getByTestId('queue-waiting').getByText('任倩琳').waitFor();
      await screenshot(page, 'queue-02-doctor-before-call');
      await page.getByTestId('call-next').click();
      await page.getByTestId('current-name').filter({ hasText: '任倩琳' }).waitFor();
      assert.equal(await page.getByTestId('current-ticket').innerText(), String(ticket.ticket));
      await page.getByTestId('pre-visit').getByText(guide.text).waitFor();
      assert.match(await page.getByTestId('open-chart').getAttribute('href') ?? '', /^\/patients\/pat-0001$/);
      await screenshot(page, 'queue-03-doctor-called');

      // 4. the board shows the call live (no reload) and speaks it
      const headline = nurse.page.getByTestId('board-headline');
      await headline.filter({ hasText: '任*琳' }).waitFor();
      assert.match(await headline.innerText(), new RegExp(`请 ${ticket.ticket} 号 任\\*琳 到 ${ticket.room.name} 就诊`));
      assert.ok(!(await board.innerText()).includes('任倩琳'), 'the board never shows the full name');
      await nurse.page.waitForFunction(() => (window as unknown as { __spoken: string[] }).__spoken.some((t) => t.includes('任某琳')));
      const spoken = await nurse.page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
      assert.ok(spoken.includes(`请 ${ticket.ticket} 号 任某琳 到 ${ticket.room.name} 就诊`), spoken.join(' | '));
      await screenshot(nurse.page, 'queue-04-board-called');

      // 5. the patient's own view of the queue: called, nobody ahead
      const mine = await (await patient.context.request.get('/api/queue/mine')).json() as { tickets: { status: string; position: number }[] };
      assert.deepEqual(mine.tickets.map((t) => [t.status, t.position]), [['called', 0]]);

      // 6. the department's board in English (a second TV), from the query string
      const english = await newPage(browser, server.url, { locale: 'en' });
      try {
        await apiLogin(english.page, 'nurse');
        await english.page.goto('/queue/board?department=03.01');
        await english.page.getByTestId('board-headline').filter({ hasText: '任*琳' }).waitFor();
        assert.match(await english.page.getByTestId('board-headline').innerText(), new RegExp(`Number ${ticket.ticket}, 任\\*琳, please go to`));
        await screenshot(english.page, 'queue-05-board-department-en');
      } finally {
        await english.context.close();
      }

      // 7. the chart link opens the patient's record
      await page.getByTestId('open-chart').click();
      await page.waitForURL(/\/patients\/pat-0001$/);

      for (const p of [doctor, nurse]) assert.deepEqual(p.problems, []);
    } finally {
      await Promise.all([doctor.context.close(), patient.context.close(), nurse.context.close()]);
    }
  });
});
