import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFhirDateRange } from './dates.js';
import { DATE_MAX, DATE_MIN } from './entry.js';

const ms = (iso: string): number => Date.parse(iso);
const range = (lo: string, hi: string) => ({ lo: ms(lo), hi: ms(hi) });

test('partial dates cover their whole span (UTC)', () => {
  assert.deepEqual(parseFhirDateRange('2020'), range('2020-01-01T00:00:00.000Z', '2020-12-31T23:59:59.999Z'));
  assert.deepEqual(parseFhirDateRange('2020-02'), range('2020-02-01T00:00:00.000Z', '2020-02-29T23:59:59.999Z'));
  assert.deepEqual(parseFhirDateRange('2021-02'), range('2021-02-01T00:00:00.000Z', '2021-02-28T23:59:59.999Z'));
  assert.deepEqual(parseFhirDateRange('2020-12'), range('2020-12-01T00:00:00.000Z', '2020-12-31T23:59:59.999Z'));
  assert.deepEqual(parseFhirDateRange('2020-02-03'), range('2020-02-03T00:00:00.000Z', '2020-02-03T23:59:59.999Z'));
});

test('times: minute and second precision are spans, fractions are exact', () => {
  assert.deepEqual(parseFhirDateRange('2020-02-03T10:20Z'), range('2020-02-03T10:20:00.000Z', '2020-02-03T10:20:59.999Z'));
  assert.deepEqual(parseFhirDateRange('2020-02-03T10:20:05Z'), range('2020-02-03T10:20:05.000Z', '2020-02-03T10:20:05.999Z'));
  assert.deepEqual(parseFhirDateRange('2020-02-03T10:20:05.123Z'), range('2020-02-03T10:20:05.123Z', '2020-02-03T10:20:05.123Z'));
  assert.deepEqual(parseFhirDateRange('2020-02-03T10:20:05.5Z'), range('2020-02-03T10:20:05.500Z', '2020-02-03T10:20:05.500Z'));
  assert.deepEqual(parseFhirDateRange('2020-02-03T10:20:05.123456Z'), range('2020-02-03T10:20:05.123Z', '2020-02-03T10:20:05.123Z'));
});

test('timezone offsets shift to UTC; no timezone means UTC', () => {
  assert.deepEqual(parseFhirDateRange('2020-02-03T10:20:05+08:00'), range('2020-02-03T02:20:05.000Z', '2020-02-03T02:20:05.999Z'));
  assert.deepEqual(parseFhirDateRange('2020-02-03T23:30:00-05:30'), range('2020-02-04T05:00:00.000Z', '2020-02-04T05:00:00.999Z'));
  assert.deepEqual(parseFhirDateRange('2020-02-03T10:20:05'), range('2020-02-03T10:20:05.000Z', '2020-02-03T10:20:05.999Z'));
  assert.deepEqual(parseFhirDateRange('2020-01-01T00:00:00+14:00'), range('2019-12-31T10:00:00.000Z', '2019-12-31T10:00:00.999Z'));
});

test('invalid dates and garbage are rejected', () => {
  for (const s of ['2020-13-01', '2020-00-10', '2020-02-30', '2021-02-29', '2020-04-31', '2020-02-03T24:00:00Z',
    '2020-02-03T10:60:00Z', '2020-02-03T10:20:60Z', '2020-02-03T10:20:05+15:00', '2020-02-03T10:20:05+05:60',
    '0000', '20-01-01', '2020-1-01', '2020-01-01T', '2020-01-01T10', '2020-01-01Z', '2020-01-01 10:00:00',
    'not a date', '', '2020-01-01T10:00:00ZZ', ' 2020', '2020-01-01T10:00:00.Z']) {
    assert.equal(parseFhirDateRange(s), null, s);
  }
});

test('leap years and the edges of the representable range', () => {
  assert.notEqual(parseFhirDateRange('2000-02-29'), null);
  assert.equal(parseFhirDateRange('1900-02-29'), null);
  assert.deepEqual(parseFhirDateRange('0001'), { lo: DATE_MIN, hi: ms('0001-12-31T23:59:59.999Z') });
  assert.deepEqual(parseFhirDateRange('9999'), { lo: ms('9999-01-01T00:00:00.000Z'), hi: DATE_MAX });
  assert.equal(parseFhirDateRange('0001-01-01T00:00:00+01:00')!.lo, DATE_MIN); // clamped
  const y50 = new Date(Date.UTC(2000, 5, 15));
  y50.setUTCFullYear(50); // Date.UTC maps years < 100 to 19xx
  assert.equal(parseFhirDateRange('0050-06-15')!.lo, y50.getTime());
});
