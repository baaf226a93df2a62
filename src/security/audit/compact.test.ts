import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical.js';
import { compactText, expandText, FRAGMENTS, needles } from './compact.js';
import { accessEvent } from './events.js';
import { doctor, everyBuilderEvent } from './pipeline-fixtures.test.js';

const texts = () => everyBuilderEvent().map((e) => canonicalJson(e));

describe('compact storage of audit events', () => {
  test('every builder round-trips exactly and stores shorter', () => {
    for (const text of texts()) {
      const stored = compactText(text);
      assert.ok(stored.includes('\u0001'), 'boilerplate became tokens');
      assert.ok(stored.length < text.length);
      assert.equal(expandText(stored), text);
    }
  });

  test('a read of one resource stores under a third of its canonical text', () => {
    const text = canonicalJson(
      accessEvent(doctor, { interaction: 'read', type: 'Observation', id: 'o1', resources: [{ resourceType: 'Observation', id: 'o1', meta: { versionId: '1' }, subject: { reference: 'Patient/p1' } }] }),
    );
    assert.ok(compactText(text).length * 3 < text.length, `${compactText(text).length} of ${text.length}`);
  });

  test('any other text round-trips: other events, partial fragments, unicode; text holding U+0001 is stored as it is', () => {
    const samples = [
      '',
      '{}',
      canonicalJson({ resourceType: 'AuditEvent', agent: [{ who: { display: 'x' } }], recorded: '2026-01-01T00:00:00Z', source: { observer: { display: 'ext' } } }),
      FRAGMENTS.join(''),
      FRAGMENTS.map((f) => f.slice(1, -1)).join('|'),
      FRAGMENTS[0] + FRAGMENTS[0] + '张三' + FRAGMENTS[5].slice(0, 20),
      '"a\u0001b"' + FRAGMENTS[0],
    ];
    for (const s of samples) assert.equal(expandText(compactText(s)), s);
    assert.equal(compactText('"a\u0001b"' + FRAGMENTS[0]), '"a\u0001b"' + FRAGMENTS[0]);
    assert.equal(expandText('{"action":"R"}'), '{"action":"R"}', 'rows stored before the compact form read as they are');
  });

  test('a token with an unknown letter is kept, so the text (and its hash) differs', () => {
    assert.equal(expandText('\u0001~x'), '\u0001~x');
    assert.notEqual(expandText(compactText(FRAGMENTS[0]).replace('A', 'B')), FRAGMENTS[0]);
  });

  test('searches find in stored text exactly what is in the canonical text (references and systems)', () => {
    const all = texts();
    const refs = new Set<string>(['"reference":"Patient/p1"', '"reference":"Patient/p1/_history/', '"reference":"Patient/zz"']);
    const systems = new Set<string>(['"system":"http://example.org/none"']);
    for (const t of all) {
      for (const m of t.matchAll(/"reference":"([^"]+)"/g)) refs.add(m[0]);
      for (const m of t.matchAll(/"system":"[^"]+"/g)) systems.add(m[0]);
    }
    for (const t of all) {
      const stored = compactText(t);
      for (const n of [...refs, ...systems]) assert.equal(needles(n).some((x) => stored.includes(x)), t.includes(n), `${n} in ${t}`);
    }
  });

  test('fragments: unique, no reference inside, no U+0001; the first 26 never change (stored rows name them)', () => {
    assert.equal(new Set(FRAGMENTS).size, FRAGMENTS.length);
    for (const f of FRAGMENTS) {
      assert.ok(!f.includes('"reference"') && !f.includes('\u0001'), f);
    }
    const frozen = createHash('sha256').update(FRAGMENTS.slice(0, 26).join('\n')).digest('hex');
    assert.equal(frozen, '23347b0823f09dea56b7079dd7c7b9e04fb139c937db5584a22635ae6b64e67c', 'append new fragments; never edit or reorder these');
  });
});
