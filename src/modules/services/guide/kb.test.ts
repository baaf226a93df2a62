// The knowledge base as data: sizes the issue asks for, codes that exist, no phrase claimed twice, every rule and
// table pointing at things that exist, every clinic reachable.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BODY_PARTS, CONCEPTS, CONCEPT_BY_ID, DEPARTMENTS, RED_FLAGS, SYMPTOMS, departmentOf } from './kb/index.js';
import { CHILD_REDIRECT, FALLBACK, MALE_REDIRECT, PREGNANCY_REDIRECT } from './kb/demographics.js';
import { COMBOS, FEELINGS, SITES } from './kb/sites.js';
import { canonicalTerm } from './text/normalize.js';
import { phraseTokens } from './text/english.js';

// 医疗机构诊疗科目名录 codes as listed in clinical-references.md
const LISTED = new Set(('01 02 03 03.01 03.02 03.03 03.04 03.05 03.06 03.07 03.08 03.09 03.10 04 04.01 04.02 04.03 04.04 04.05 04.06 04.07 04.08 ' +
  '05 05.01 05.02 05.03 05.05 06 07 07.01 08 09 10 11 12 13 14 15 16 17 19 20 21 23 26 27 28 30 31 32 50 52').split(' '));

describe('guide knowledge base', () => {
  test('departments: ≥ 40 clinics, all from the 诊疗科目 list, with Chinese and English names', () => {
    const clinics = DEPARTMENTS.filter((d) => d.clinic);
    assert.ok(clinics.length >= 40, `${clinics.length} clinics`);
    for (const d of DEPARTMENTS) {
      assert.ok(LISTED.has(d.code), `${d.code} is not in the list`);
      assert.match(d.zh, /[\u4e00-\u9fff]/);
      assert.match(d.en, /^[A-Z]/);
    }
    assert.equal(new Set(DEPARTMENTS.map((d) => d.code)).size, DEPARTMENTS.length);
  });

  test('symptoms: ≥ 200 symptoms with ≥ 3000 phrasings (≥ 300 asked), bilingual, colloquial forms included', () => {
    assert.ok(SYMPTOMS.length >= 200, `${SYMPTOMS.length} symptoms`);
    const phrasings = SYMPTOMS.reduce((n, c) => n + c.zh.length + c.en.length, 0);
    assert.ok(phrasings >= 3000, `${phrasings} phrasings`);
    for (const c of CONCEPTS) {
      assert.ok(c.zh.length > 0 && c.en.length > 0, `${c.id} needs Chinese and English phrasings`);
    }
    const all = new Set(CONCEPTS.flatMap((c) => c.zh));
    for (const colloquial of ['心口疼', '拉肚子', '头晕眼花', '嗓子疼', '闹肚子', '喘不上气', '拉稀', '上不来气', '肚子疼', '睡不着']) {
      assert.ok(all.has(colloquial), colloquial);
    }
  });

  test('phrasings: Chinese ≥ 2 characters with a Chinese character, English non-empty, none claimed by two concepts', () => {
    const owner = new Map<string, string>();
    for (const c of CONCEPTS) {
      for (const z of c.zh) {
        const k = canonicalTerm(z);
        assert.ok(k.length >= 2 && /[\u3400-\u9fff]/.test(k), `${c.id}: "${z}"`);
        const o = owner.get(`zh:${k}`);
        assert.ok(!o || o === c.id, `"${z}" is in ${o} and ${c.id}`);
        owner.set(`zh:${k}`, c.id);
      }
      for (const e of c.en) {
        const k = phraseTokens(e).join(' ');
        assert.ok(k, `${c.id}: "${e}" has no words`);
        const o = owner.get(`en:${k}`);
        assert.ok(!o || o === c.id, `"${e}" is in ${o} and ${c.id}`);
        owner.set(`en:${k}`, c.id);
      }
    }
  });

  test('weights point at clinics with 0 < weight ≤ 1, and every clinic is reachable from some symptom', () => {
    const reached = new Set<string>();
    for (const c of CONCEPTS) {
      for (const [code, w] of Object.entries(c.depts)) {
        assert.ok(departmentOf(code)?.clinic, `${c.id} → ${code} is not a clinic`);
        assert.ok(w > 0 && w <= 1, `${c.id} → ${code}: ${w}`);
        if (!c.id.startsWith('dept:')) reached.add(code);
      }
    }
    const unreached = DEPARTMENTS.filter((d) => d.clinic && !reached.has(d.code)).map((d) => d.code);
    assert.deepEqual(unreached, []);
  });

  test('red-flag rules name existing concepts, say why in both languages, and list clinics', () => {
    assert.equal(new Set(RED_FLAGS.map((r) => r.code)).size, RED_FLAGS.length);
    for (const r of RED_FLAGS) {
      assert.ok(r.any || r.all, r.code);
      for (const id of [...(r.any ?? []), ...(r.all ?? []).flat()]) assert.ok(id.startsWith('@') || CONCEPT_BY_ID.has(id), `${r.code}: ${id}`);
      assert.ok(['@pregnant', '@infant', '@under6m', '@under5'].includes(r.all?.flat().find((x) => x.startsWith('@')) ?? '@pregnant'));
      for (const l of ['zh', 'en'] as const) assert.ok(r.label[l] && r.reason[l], `${r.code} ${l}`);
      for (const d of r.also ?? []) assert.ok(departmentOf(d)?.clinic, `${r.code} → ${d}`);
    }
    // the list, each covered by a rule
    for (const code of ['acs', 'stroke', 'bleeding', 'breathing', 'suicide', 'unconscious', 'seizure', 'anaphylaxis', 'severe-burn', 'poisoning', 'pregnancy-bleeding']) {
      assert.ok(RED_FLAGS.some((r) => r.code === code), code);
    }
    assert.equal(RED_FLAGS.find((r) => r.code === 'suicide')?.evenIfNegated, true);
  });

  test('site + feeling pairs, body parts and the demographic tables point at things that exist', () => {
    const sites = new Set(SITES.map((s) => s.code));
    const feelings = new Set(FEELINGS.map((f) => f.code));
    for (const [site, row] of Object.entries(COMBOS)) {
      assert.ok(sites.has(site), site);
      for (const [feeling, concept] of Object.entries(row)) {
        assert.ok(feelings.has(feeling), `${site}.${feeling}`);
        assert.ok(CONCEPT_BY_ID.has(concept), `${site}.${feeling} → ${concept}`);
      }
    }
    for (const b of BODY_PARTS) for (const code of Object.keys(b.depts)) assert.ok(departmentOf(code)?.clinic, `${b.code} → ${code}`);
    const codes = [...Object.entries(CHILD_REDIRECT).flatMap(([k, v]) => [k, v.to]), ...Object.entries(MALE_REDIRECT).flat(), ...Object.entries(PREGNANCY_REDIRECT).flat(), ...Object.values(FALLBACK)];
    for (const code of codes) if (code) assert.ok(departmentOf(code), code);
    // men are never sent to a women-only department
    for (const [from, to] of Object.entries(MALE_REDIRECT)) {
      assert.equal(departmentOf(from)?.sex, 'female', from);
      assert.ok(!to || departmentOf(to)?.sex !== 'female', `${from} → ${to}`);
    }
  });
});
