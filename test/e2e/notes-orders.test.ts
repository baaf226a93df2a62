// Notes and orders in a real browser: a doctor opens a patient's chart, writes a 门诊病历 (signing with empty
// required sections is explained next to them), signs it (a Provenance records the signature), orders 血常规; the lab
// technician receives, performs and reports it (the technician, not the doctor: the UI gives each step to the role
// that performs it); the doctor sees the abnormal values flagged on the order and in the results trend. Then a
// medication order goes round its loop: the pharmacist reviews and dispenses, a ward nurse gives the dose.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { e2eSkip, launchBrowser, newPage, startServer, loginAs, apiLogin, screenshot, type TestServer } from './support/index.js';
import type { Resource } from '../../src/fhir/types.js';

const skip = e2eSkip();

describe('notes and orders in the browser', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    [server, browser] = await Promise.all([startServer({ patients: 8 }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const ctx = () => ({ tenant: server.tenant });
  let firstPatient: string | undefined;
  const find = async (type: string, params: [string, string][]) => (await server.store.repo.search(ctx(), { types: [type], params })).matches;
  /** an adult demo patient with a known sex (sex-specific reference intervals then apply) */
  const adultPatient = async (except?: string): Promise<Resource> => {
    const all = await find('Patient', [['_count', '50']]);
    const p = all.find((x) => x.id !== except && (x.gender === 'male' || x.gender === 'female') && Number(String(x.birthDate).slice(0, 4)) < new Date().getFullYear() - 25);
    assert.ok(p, 'the demo hospital has an adult patient');
    return p;
  };
  const openTab = async (page: Page, patientId: string, label: string) => {
    await page.goto(`/patients/${patientId}`);
    await page.getByTestId('chart-tabs').getByRole('tab', { name: label, exact: true }).click();
  };

  test('a doctor writes and signs an outpatient note, orders a blood count; the technician reports it; the doctor sees it flagged and in the trend', async () => {
    const patient = await adultPatient();
    const pid = patient.id as string;
    firstPatient = pid;
    // two earlier blood counts of this patient (previous visits), so the trend has a history
    for (const [daysAgo, value] of [[40, 6.1], [12, 8.4]] as const) {
      await server.store.repo.create(ctx(), {
        resourceType: 'Observation', status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
        code: { coding: [{ system: 'http://loinc.org', code: '6690-2', display: 'Leukocytes [#/volume] in Blood by Automated count' }], text: '白细胞计数' },
        subject: { reference: `Patient/${pid}` }, effectiveDateTime: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
        valueQuantity: { value, unit: '×10⁹/L', system: 'http://unitsofmeasure.org', code: '10*9/L' },
        referenceRange: [{ low: { value: 3.5, unit: '×10⁹/L' }, high: { value: 9.5, unit: '×10⁹/L' }, text: '3.5–9.5 ×10⁹/L（WS/T 405-2012）' }],
      });
    }
    const doctor = await newPage(browser, server.url);
    const tech = await newPage(browser, server.url);
    try {
      const page = doctor.page;
      await loginAs(page, 'doctor');
      await openTab(page, pid, '病历文书');
      await page.getByTestId('notes-tab').waitFor();

      // a new 门诊病历 from its template
      await page.getByTestId('notes-new').hover();
      await page.getByRole('menuitem', { name: '门诊病历' }).click();
      const editor = page.getByTestId('note-editor');
      await editor.waitFor();
      await page.getByTestId('section-chief-complaint').fill('咳嗽、咳痰3天，发热1天');
      // signing with required sections empty: each is marked next to its field, nothing is signed
      await page.getByTestId('note-sign').click();
      await editor.getByText('请填写此项后再签名').first().waitFor();
      assert.equal(await editor.getByText('请填写此项后再签名').count(), 5, '现病史、既往史、体格检查、诊断、处理意见');
      await screenshot(page, 'notes-sign-missing-sections');
      await page.getByTestId('section-present-illness').fill('3天前受凉后出现咳嗽，咳黄痰，1天前发热，最高38.6℃，无胸痛、咯血。');
      await page.getByTestId('section-past-history').fill('体健，否认高血压、糖尿病史。');
      await page.getByTestId('section-allergies').fill('否认药物、食物过敏史。');
      await page.getByTestId('section-physical-exam').fill('T 38.2℃ P 96次/分 R 20次/分 BP 125/80mmHg。神清，咽部充血，右下肺可闻及湿啰音。');
      await page.getByTestId('section-diagnosis').fill('急性支气管炎？社区获得性肺炎待排');
      await page.getByTestId('section-plan').fill('血常规、胸部X线；对症治疗；3天后复诊，如有气促、胸痛随时就诊。');
      await page.getByTestId('note-save').click();
      await page.getByText('草稿已保存').waitFor();
      await screenshot(page, 'notes-editor-draft');
      // sign, confirmed in a dialog
      await page.getByTestId('note-sign').click();
      await page.locator('.ant-modal-confirm-title', { hasText: '确认签名？' }).waitFor();
      await screenshot(page, 'notes-sign-confirm', { fullPage: false });
      await page.getByTestId('note-sign-confirm').click();
      await page.getByTestId('notes-tab').getByText('已签名').waitFor();
      await screenshot(page, 'notes-list-signed');
      // the signed note with its signature record
      await page.getByTestId('notes-tab').locator('.ant-table-row').first().click();
      const prov = page.getByTestId('note-provenance');
      await prov.waitFor();
      await prov.getByText('签名（法律认证）').waitFor();
      await screenshot(page, 'notes-signed-provenance');
      const [comp] = await find('Composition', [['subject', `Patient/${pid}`]]);
      assert.equal(comp.status, 'final');
      const provenance = await find('Provenance', [['target', `Composition/${comp.id}`]]);
      assert.equal(provenance.length, 1);
      assert.equal((provenance[0].target as { reference: string }[])[0].reference, `Composition/${comp.id}/_history/${comp.meta?.versionId}`);
      await page.keyboard.press('Escape');

      // order a blood count
      await page.getByTestId('chart-tabs').getByRole('tab', { name: '医嘱', exact: true }).click();
      await page.getByTestId('order-service').click();
      await page.getByTestId('service-submit').click();
      await page.getByTestId('service-form').getByText('请选择检验或检查项目').waitFor();
      await page.getByTestId('service-test').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option-content').getByText('血常规', { exact: true }).click();
      await page.getByTestId('service-form').locator('input').last().fill('发热、咳嗽，肺部感染待排');
      await page.getByTestId('service-submit').click();
      const card = page.locator('[data-testid^="order-ServiceRequest/"]').first();
      await card.waitFor();
      assert.equal(await card.getAttribute('data-step'), 'ordered');
      await screenshot(page, 'orders-ordered');

      // the lab technician: receive, perform, report
      const tp = tech.page;
      await apiLogin(tp, 'technician');
      await openTab(tp, pid, '医嘱');
      const tcard = tp.locator('[data-testid^="order-ServiceRequest/"]').first();
      await tcard.getByTestId('act-receive').click();
      await tcard.getByTestId('act-perform').click();
      await tcard.getByTestId('act-results').click();
      const form = tp.getByTestId('result-form');
      await form.waitFor();
      await tp.getByTestId('value-6690-2').fill('13.8'); // WBC: high
      await tp.getByTestId('value-770-8').fill('86'); // NEUT%: high
      await tp.getByTestId('value-718-7').fill('136'); // HGB: normal for either sex
      await tp.getByTestId('value-777-3').fill('246'); // PLT: normal
      await screenshot(tp, 'orders-result-entry');
      await tp.getByTestId('results-submit').click();
      await tcard.getByTestId('order-results').waitFor();
      assert.equal(await tcard.getAttribute('data-step'), 'resulted');
      await screenshot(tp, 'orders-technician-resulted');

      // the doctor sees the loop closed and the values flagged
      await page.reload();
      const dcard = page.locator('[data-testid^="order-ServiceRequest/"]').first();
      await dcard.getByTestId('order-results').waitFor();
      assert.equal(await dcard.getByTestId('flag-6690-2').innerText(), '↑ 偏高');
      assert.equal(await dcard.getByTestId('flag-770-8').innerText(), '↑ 偏高');
      assert.equal(await dcard.getByTestId('flag-777-3').innerText(), '正常');
      await dcard.getByTestId('flag-abnormal').getByText('异常 2').waitFor();
      for (const s of ['开立', '接收', '执行', '出结果']) await dcard.getByText(s, { exact: true }).waitFor();
      await screenshot(page, 'orders-doctor-flagged');
      await dcard.getByTestId('trend-6690-2').click();
      await page.getByTestId('trend-modal').locator('canvas').first().waitFor();
      await page.waitForTimeout(500); // the chart draws after its data arrive
      await screenshot(page, 'orders-trend-wbc', { fullPage: false });
      await page.keyboard.press('Escape');
      // and in the chart's results tab, with its trend
      await page.getByTestId('chart-tabs').getByRole('tab', { name: '检验结果', exact: true }).click();
      await page.getByText('13.8', { exact: false }).first().waitFor();
      await screenshot(page, 'results-tab-trend');

      // the results are FHIR: Observations against the order, flagged H
      const [sr] = await find('ServiceRequest', [['subject', `Patient/${pid}`]]);
      assert.equal(sr.status, 'completed');
      const obs = await find('Observation', [['based-on', `ServiceRequest/${sr.id}`], ['code', 'http://loinc.org|6690-2']]);
      assert.equal((obs[0].interpretation as { coding: { code: string }[] }[])[0].coding[0].code, 'H');
      assert.deepEqual([...doctor.problems, ...tech.problems], []);
    } finally {
      await doctor.context.close();
      await tech.context.close();
    }
  });

  test('a medication order: the pharmacist reviews and dispenses, a ward nurse gives the dose', async () => {
    // another patient, admitted to the demo nurse's ward (呼吸与危重症医学科病区)
    const patient = await adultPatient(firstPatient);
    const pid = patient.id as string;
    await server.store.repo.create(ctx(), {
      resourceType: 'Encounter', status: 'in-progress', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
      subject: { reference: `Patient/${pid}` }, location: [{ location: { reference: 'Location/ward-03.01' }, status: 'active' }], period: { start: new Date().toISOString() },
    });
    const doctor = await newPage(browser, server.url);
    const pharm = await newPage(browser, server.url);
    const nurse = await newPage(browser, server.url);
    try {
      await apiLogin(doctor.page, 'doctor');
      await openTab(doctor.page, pid, '医嘱');
      const d = doctor.page;
      await d.getByTestId('order-medication').click();
      await d.getByTestId('medication-name').fill('阿莫西林胶囊 0.25g');
      await d.getByTestId('medication-dose').fill('0.5');
      const modal = d.getByTestId('medication-form');
      await d.locator('.ant-modal:visible .ant-btn-primary').last().click();
      await modal.getByText('请选择给药途径').waitFor();
      await modal.getByText('请选择频次').waitFor();
      await screenshot(d, 'orders-medication-form-errors', { fullPage: false });
      await modal.getByText('mg', { exact: true }).click();
      await d.locator('.ant-select-dropdown:visible .ant-select-item-option-content').getByText('g', { exact: true }).click();
      await d.getByTestId('medication-route').click();
      await d.locator('.ant-select-dropdown:visible .ant-select-item-option-content').getByText('口服', { exact: true }).click();
      await d.getByTestId('medication-frequency').click();
      await d.locator('.ant-select-dropdown:visible .ant-select-item-option-content').getByText('tid · 每日三次').click();
      await d.locator('.ant-modal:visible .ant-btn-primary').last().click();
      const card = d.locator('[data-testid^="order-MedicationRequest/"]').first();
      await card.waitFor();
      await card.getByText('0.5 g 口服 tid').waitFor();

      await apiLogin(pharm.page, 'pharmacist');
      await openTab(pharm.page, pid, '医嘱');
      const pcard = pharm.page.locator('[data-testid^="order-MedicationRequest/"]').first();
      await pcard.getByTestId('act-receive').click();
      await pcard.getByTestId('act-dispense').click();
      await pharm.page.locator('[data-testid^="order-MedicationRequest/"][data-step="dispensed"]').waitFor();

      await apiLogin(nurse.page, 'nurse');
      await openTab(nurse.page, pid, '医嘱');
      const ncard = nurse.page.locator('[data-testid^="order-MedicationRequest/"]').first();
      await ncard.getByTestId('act-administer').click();
      await nurse.page.locator('[data-testid^="order-MedicationRequest/"][data-step="administered"]').waitFor();
      await ncard.getByText('已给药 1 次').waitFor();
      await screenshot(nurse.page, 'orders-nurse-administered');

      const [mr] = await find('MedicationRequest', [['subject', `Patient/${pid}`]]);
      const given = await find('MedicationAdministration', [['request', `MedicationRequest/${mr.id}`]]);
      assert.equal(given.length, 1);
      assert.equal((given[0].performer as { actor: { reference: string } }[])[0].actor.reference, 'PractitionerRole/prole-004');
      assert.deepEqual([...doctor.problems, ...pharm.problems, ...nurse.problems], []);
    } finally {
      await doctor.context.close();
      await pharm.context.close();
      await nurse.context.close();
    }
  });
});
