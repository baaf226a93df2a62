// The pure parts of appointments at their boundaries: clinic sessions from availableTime, slot times, half-day
// sessions, hospital-local days, deterministic ids and the settings.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource } from '../../../fhir/types.js';
import { isClinicRoom, sessionsOn, slotTimes } from './roster.js';
import { sessionOf } from './booking.js';
import { slotId, stableId } from './ids.js';
import { loadAppointmentSettings } from './settings.js';
import { addDays, at, checkDate, localDate, localDay, localTime, weekdayCode } from './time.js';
import { MAX_SLOT_MINUTES } from './rules.js';

const role = (extra: Record<string, unknown>): Resource => ({ resourceType: 'PractitionerRole', id: 'r', ...extra });
const morning = { daysOfWeek: ['mon', 'wed'], availableStartTime: '08:00:00', availableEndTime: '12:00:00' };

describe('hospital-local time (+08:00)', () => {
  test('days and times in China whatever the instant’s offset', () => {
    assert.equal(localDate(Date.parse('2026-11-01T15:59:59Z')), '2026-11-01');
    assert.equal(localDate(Date.parse('2026-11-01T16:00:00Z')), '2026-11-02');
    assert.equal(localDay('2026-11-01T23:30:00-05:00'), '2026-11-02');
    assert.equal(localTime('2026-11-02T00:10:00Z'), '08:10');
    assert.equal(at('2026-11-02', '08:00'), '2026-11-02T08:00:00+08:00');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2028-03-01', -1), '2028-02-29');
    assert.equal(weekdayCode('2026-11-02'), 'mon');
    assert.equal(weekdayCode('2026-11-01'), 'sun');
    for (const bad of ['2026-02-30', '2026-2-1', 'tomorrow', '2026-13-01']) assert.throws(() => checkDate(bad, 'date'), { status: 400 }, bad);
    assert.equal(checkDate('2028-02-29', 'date'), '2028-02-29');
  });
});

describe('clinic sessions from PractitionerRole.availableTime', () => {
  test('on the listed weekdays only, with the role’s hours', () => {
    const r = role({ availableTime: [morning] });
    assert.deepEqual(sessionsOn(r, '2026-11-02'), [{ start: '2026-11-02T08:00:00+08:00', end: '2026-11-02T12:00:00+08:00' }]);
    assert.deepEqual(sessionsOn(r, '2026-11-03'), []);
    assert.equal(sessionsOn(r, '2026-11-04').length, 1);
  });

  test('allDay = the hospital day (morning and afternoon); no daysOfWeek = every day', () => {
    const s = sessionsOn(role({ availableTime: [{ allDay: true }] }), '2026-11-01');
    assert.deepEqual(s.map((x) => [x.start.slice(11, 16), x.end.slice(11, 16)]), [['08:00', '12:00'], ['14:00', '17:30']]);
  });

  test('inactive roles, roles outside their period, notAvailable days and empty hours give no session', () => {
    assert.deepEqual(sessionsOn(role({ active: false, availableTime: [morning] }), '2026-11-02'), []);
    assert.deepEqual(sessionsOn(role({ period: { end: '2026-11-01' }, availableTime: [morning] }), '2026-11-02'), []);
    assert.equal(sessionsOn(role({ period: { start: '2026-11-02' }, availableTime: [morning] }), '2026-11-02').length, 1);
    const away = role({ availableTime: [morning], notAvailable: [{ description: '学术会议', during: { start: '2026-11-02T00:00:00+08:00', end: '2026-11-03T00:00:00+08:00' } }] });
    assert.deepEqual(sessionsOn(away, '2026-11-02'), []);
    assert.equal(sessionsOn(away, '2026-11-04').length, 1);
    // a notAvailable period touching the session's end does not block it
    const until8 = role({ availableTime: [morning], notAvailable: [{ during: { start: '2026-11-01T00:00:00+08:00', end: '2026-11-02T08:00:00+08:00' } }] });
    assert.equal(sessionsOn(until8, '2026-11-02').length, 1);
    assert.deepEqual(sessionsOn(role({ availableTime: [{ availableStartTime: '12:00:00', availableEndTime: '12:00:00' }] }), '2026-11-02'), []);
    assert.deepEqual(sessionsOn(role({}), '2026-11-02'), []);
  });

  test('slots fill the session back to back; a remainder shorter than a slot is left out', () => {
    const s = { start: '2026-11-02T08:00:00+08:00', end: '2026-11-02T12:00:00+08:00' };
    const ten = slotTimes(s, 10);
    assert.equal(ten.length, 24);
    assert.deepEqual(ten[0], { start: '2026-11-02T08:00:00+08:00', end: '2026-11-02T08:10:00+08:00' });
    assert.deepEqual(ten[23], { start: '2026-11-02T11:50:00+08:00', end: '2026-11-02T12:00:00+08:00' });
    const t25 = slotTimes(s, 25);
    assert.equal(t25.length, 9);
    assert.equal(t25[8]?.end, '2026-11-02T11:45:00+08:00');
    assert.equal(slotTimes(s, 30).length, 8);
    assert.deepEqual(slotTimes({ start: '2026-11-02T08:00:00+08:00', end: '2026-11-02T08:09:00+08:00' }, 10), []);
  });

  test('a slot before noon is in the morning session, from noon on in the afternoon', () => {
    assert.deepEqual(sessionOf('2026-11-02T11:50:00+08:00'), { start: '2026-11-02T00:00:00+08:00', end: '2026-11-02T12:00:00+08:00', half: 'am' });
    assert.equal(sessionOf('2026-11-02T12:00:00+08:00').half, 'pm');
    assert.equal(sessionOf('2026-11-02T12:00:00+08:00').end, '2026-11-03T00:00:00+08:00');
    assert.equal(sessionOf('2026-11-02T03:59:00Z').half, 'am');
  });

  test('clinic rooms: rooms that are not emergency, lab, imaging or pharmacy places', () => {
    const PT = 'http://terminology.hl7.org/CodeSystem/location-physical-type';
    const loc = (code: string, type?: string): Resource => ({
      resourceType: 'Location', physicalType: { coding: [{ system: PT, code }] }, ...(type ? { type: [{ coding: [{ code: type }] }] } : {}),
    });
    assert.equal(isClinicRoom(loc('ro')), true);
    assert.equal(isClinicRoom(loc('ro', 'GI')), true);
    assert.equal(isClinicRoom(loc('ro', 'ER')), false);
    assert.equal(isClinicRoom(loc('ro', 'HRAD')), false);
    assert.equal(isClinicRoom(loc('wa')), false);
    assert.equal(isClinicRoom({ ...loc('ro'), status: 'inactive' }), false);
  });
});

describe('deterministic ids and settings', () => {
  test('slot ids name the role and the local start; over-long ids are hashed to 64 characters', () => {
    assert.equal(slotId('prole-012', '2026-11-02T08:10:00+08:00'), 'slot-prole-012-20261102-0810');
    const long = stableId('slot', 'x'.repeat(80), '20261102');
    assert.equal(long.length, 64);
    assert.equal(long, stableId('slot', 'x'.repeat(80), '20261102'));
    assert.match(long, /^slot-[0-9a-f]+$/);
  });

  test('HUIYI_SLOT_MINUTES defaults to 10, at most 30; no-show limit and window', () => {
    assert.deepEqual(loadAppointmentSettings({}), { slotMinutes: 10, noShowLimit: 3, noShowDays: 90 });
    assert.equal(loadAppointmentSettings({ HUIYI_SLOT_MINUTES: '30' }).slotMinutes, 30);
    assert.equal(loadAppointmentSettings({ HUIYI_SLOT_MINUTES: '5' }).slotMinutes, 5);
    assert.equal(MAX_SLOT_MINUTES, 30);
    for (const v of ['31', '4', '0', '10.5', 'ten', '-10']) assert.throws(() => loadAppointmentSettings({ HUIYI_SLOT_MINUTES: v }), /HUIYI_SLOT_MINUTES/, v);
    assert.equal(loadAppointmentSettings({ HUIYI_NO_SHOW_LIMIT: '0' }).noShowLimit, 0);
    assert.throws(() => loadAppointmentSettings({ HUIYI_NO_SHOW_DAYS: '0' }), /HUIYI_NO_SHOW_DAYS/);
  });
});
