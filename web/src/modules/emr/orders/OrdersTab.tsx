// The chart's orders tab: order forms (medication with dose / route / frequency; lab and imaging from the catalogue),
// the patient's orders each with its closed-loop trail (ordered → received → performed/dispensed →
// resulted/administered), the actions the user's role performs, result entry, and results with abnormal flags.
import { useState, type ReactNode } from 'react';
import {
  Alert, App, Button, Card, Col, Empty, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Steps, Table, Tag, Typography,
} from 'antd';
import { ExperimentOutlined, LineChartOutlined, MedicineBoxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { ApiError, api } from '../../../app/api';
import { useAuth } from '../../../app/auth';
import { matches, type Resource } from '../../../app/fhir-types';
import { LoadError, Loading } from '../../../app/states';
import { useLoad } from '../../../app/use-load';
import { TrendChart } from '../chart/TrendChart';
import { ordersApi, type Bilingual, type Catalogue, type Ref, type Trail } from './api';

const fmt = (s?: string) => (s ? dayjs(s).format('YYYY-MM-DD HH:mm') : '');
const refName = (r?: Ref) => r?.display ?? r?.reference ?? '';
const LOINC = 'http://loinc.org';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const STATUS_COLOR: Record<string, string> = { active: 'processing', completed: 'success', revoked: 'default', cancelled: 'default', stopped: 'warning' };
const FLAG_COLOR: Record<string, string> = { H: 'orange', L: 'blue', HH: 'red', LL: 'red', N: 'green' };

function useBi() {
  const { i18n } = useTranslation();
  return (b: Bilingual | undefined) => (b ? (i18n.language === 'en' ? b.en : b.zh) : '');
}

/** Map a server field path (dose.value, results.0.value) onto a form field name. */
const fieldPath = (x: string): (string | number)[] => x.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

export function OrdersTab(props: { patientId: string; encounterId?: string }) {
  const { t } = useTranslation('orders');
  const { hasRole } = useAuth();
  const patient = `Patient/${props.patientId}`;
  const encounter = props.encounterId ? `Encounter/${props.encounterId}` : undefined;
  const catalogue = useLoad((signal) => ordersApi.catalogue(signal), []);
  const orders = useLoad((signal) => ordersApi.list(patient, signal), [patient]);
  const [form, setForm] = useState<'medication' | 'service' | null>(null);

  if ((catalogue.loading && !catalogue.data) || (orders.loading && !orders.data)) return <Loading />;
  if (catalogue.error || orders.error || !catalogue.data) {
    return <LoadError error={catalogue.error ?? orders.error} title={t('errors.load')} onRetry={() => { catalogue.reload(); orders.reload(); }} />;
  }
  const cat = catalogue.data;
  const list = orders.data ?? [];
  const canOrder = hasRole('doctor');

  return (
    <Card
      title={t('title')}
      data-testid="orders-tab"
      extra={canOrder && (
        <Space wrap>
          <Button icon={<MedicineBoxOutlined />} onClick={() => setForm('medication')} data-testid="order-medication">{t('newMedication')}</Button>
          <Button type="primary" icon={<ExperimentOutlined />} onClick={() => setForm('service')} data-testid="order-service">{t('newService')}</Button>
        </Space>
      )}
    >
      {!list.length && <Empty description={t('empty')} />}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {list.map((o) => <OrderCard key={o.ref} trail={o} catalogue={cat} patient={patient} onChanged={orders.reload} />)}
      </Space>
      <MedicationOrderForm open={form === 'medication'} catalogue={cat} patient={patient} encounter={encounter} onClose={(changed) => { setForm(null); if (changed) orders.reload(); }} />
      <ServiceOrderForm open={form === 'service'} catalogue={cat} patient={patient} encounter={encounter} onClose={(changed) => { setForm(null); if (changed) orders.reload(); }} />
    </Card>
  );
}

export default OrdersTab;

function OrderCard({ trail, catalogue, patient, onChanged }: { trail: Trail; catalogue: Catalogue; patient: string; onChanged(): void }) {
  const { t } = useTranslation('orders');
  const bi = useBi();
  const { hasRole } = useAuth();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [resultsOpen, setResultsOpen] = useState(false);
  const test = catalogue.tests.find((x) => x.key === trail.test);
  const title = test ? bi(test.name) : trail.title;
  const med = trail.kind === 'medication';
  const active = trail.status === 'active';

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      message.success(t('actions.done'));
      onChanged();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const askReason = (title: string, run: (reason: string) => Promise<unknown>) => {
    let reason = '';
    modal.confirm({
      title,
      content: <Input.TextArea autoFocus maxLength={500} onChange={(e) => (reason = e.target.value)} data-testid="reason-input" />,
      onOk: async () => {
        if (!reason.trim()) {
          message.error(t('actions.cancelReasonRequired'));
          throw new Error('reason required');
        }
        await act(() => run(reason.trim()));
      },
    });
  };

  // the step actions, for the role that performs them (the server's policies decide in the end)
  const actions: ReactNode[] = [];
  if (active) {
    if (!med && hasRole('technician')) {
      if (trail.current === 'ordered') actions.push(<Button key="r" size="small" type="primary" loading={busy} onClick={() => act(() => ordersApi.step(trail, 'receive'))} data-testid="act-receive">{t('actions.receive')}</Button>);
      if (trail.current === 'received') actions.push(<Button key="p" size="small" type="primary" loading={busy} onClick={() => act(() => ordersApi.step(trail, 'perform'))} data-testid="act-perform">{t('actions.perform')}</Button>);
      if (trail.current === 'performed') actions.push(<Button key="res" size="small" type="primary" onClick={() => setResultsOpen(true)} data-testid="act-results">{t('actions.results')}</Button>);
    }
    if (med && hasRole('pharmacist')) {
      if (trail.current === 'ordered') actions.push(<Button key="r" size="small" type="primary" loading={busy} onClick={() => act(() => ordersApi.step(trail, 'receive'))} data-testid="act-receive">{t('actions.receiveMedication')}</Button>);
      if (trail.current === 'received') actions.push(<Button key="d" size="small" type="primary" loading={busy} onClick={() => act(() => ordersApi.step(trail, 'dispense'))} data-testid="act-dispense">{t('actions.dispense')}</Button>);
    }
    if (med && hasRole('nurse') && (trail.current === 'dispensed' || trail.current === 'administered')) {
      actions.push(<Button key="a" size="small" type="primary" loading={busy} onClick={() => act(() => ordersApi.step(trail, 'administer'))} data-testid="act-administer">{t('actions.administer')}</Button>);
      actions.push(<Button key="n" size="small" loading={busy} onClick={() => askReason(t('actions.notGivenReason'), (reason) => ordersApi.step(trail, 'administer', { notGiven: true, reason }))}>{t('actions.notGiven')}</Button>);
    }
    if (hasRole('doctor') && trail.current !== 'resulted') {
      actions.push(<Button key="c" size="small" danger loading={busy} onClick={() => askReason(t('actions.cancelReason'), (reason) => ordersApi.cancel(trail, reason))} data-testid="act-cancel">{t('actions.cancel')}</Button>);
    }
  }

  const steps = trail.steps.map((s) => ({
    title: s.step === 'received' && med ? t('receivedMedication') : t(`steps.${s.step}`),
    status: (trail.cancelled && !s.done ? 'error' : s.done ? 'finish' : 'wait') as 'finish' | 'wait' | 'error',
    content: s.done
      ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {fmt(s.time)}<br />{refName(s.actor)}{s.step === 'administered' && s.count ? <><br />{t('doses', { n: s.count })}</> : null}
        </Typography.Text>
      )
      : undefined,
  }));

  return (
    <Card
      size="small"
      data-testid={`order-${trail.ref}`}
      data-step={trail.current}
      title={
        <Space wrap>
          <Tag color={med ? 'purple' : trail.kind === 'imaging' ? 'cyan' : 'geekblue'}>{t(`kind.${trail.kind}`)}</Tag>
          <Typography.Text strong>{title}</Typography.Text>
          {trail.dosage && <Typography.Text type="secondary">{trail.dosage}</Typography.Text>}
        </Space>
      }
      extra={
        <Space wrap>
          {trail.flags.critical > 0 && <Tag color="red" data-testid="flag-critical">{t('flags.critical', { n: trail.flags.critical })}</Tag>}
          {trail.flags.abnormal > 0 && <Tag color="orange" data-testid="flag-abnormal">{t('flags.abnormal', { n: trail.flags.abnormal })}</Tag>}
          <Tag color={STATUS_COLOR[trail.status] ?? 'default'}>{t(`status.${trail.status}`, { defaultValue: trail.status })}</Tag>
        </Space>
      }
    >
      <Row gutter={[16, 8]} align="middle">
        <Col flex="auto">
          <Steps size="small" items={steps} current={trail.steps.filter((s) => s.done).length - 1} data-testid="order-steps" />
        </Col>
        {actions.length > 0 && <Col><Space wrap>{actions}</Space></Col>}
      </Row>
      {trail.cancelled && <Alert style={{ marginTop: 8 }} type="warning" showIcon title={t('cancelledBy', { name: refName(trail.cancelled.actor), reason: trail.cancelled.reason ?? '' })} />}
      {trail.report && <ResultView trail={trail} catalogue={catalogue} patient={patient} />}
      {resultsOpen && test && <ResultForm trail={trail} test={test} catalogue={catalogue} onClose={(changed) => { setResultsOpen(false); if (changed) onChanged(); }} />}
    </Card>
  );
}

interface Obs extends Resource {
  code?: { coding?: { system?: string; code?: string }[]; text?: string };
  valueQuantity?: { value?: number; unit?: string; code?: string };
  interpretation?: { coding?: { system?: string; code?: string }[] }[];
  referenceRange?: { text?: string; low?: { value?: number }; high?: { value?: number } }[];
  effectiveDateTime?: string;
}

const loincOf = (o: Obs) => o.code?.coding?.find((c) => c.system === LOINC)?.code;
const flagOf = (o: Obs) => o.interpretation?.flatMap((i) => i.coding ?? []).find((c) => c.system === INTERPRETATION)?.code;

function ResultView({ trail, catalogue, patient }: { trail: Trail; catalogue: Catalogue; patient: string }) {
  const { t } = useTranslation('orders');
  const bi = useBi();
  const [trend, setTrend] = useState<Obs | null>(null);
  const report = trail.report as Resource & { issued?: string; performer?: Ref[]; conclusion?: string; presentedForm?: { data?: string }[] };
  const name = (o: Obs) => {
    const a = catalogue.analytes.find((x) => x.loinc.code === loincOf(o));
    return a ? `${bi(a.name)} (${a.abbr})` : o.code?.text ?? '';
  };
  const findings = report.presentedForm?.[0]?.data ? new TextDecoder().decode(Uint8Array.from(atob(report.presentedForm[0].data), (c) => c.charCodeAt(0))) : '';
  const order = catalogue.tests.find((x) => x.key === trail.test)?.analytes ?? [];
  const rows = [...(trail.observations as Obs[])].sort((a, b) => order.indexOf(loincOf(a) ?? '') - order.indexOf(loincOf(b) ?? ''));
  return (
    <div style={{ marginTop: 12 }} data-testid="order-results">
      <Typography.Text type="secondary">{t('result.reportedBy', { name: refName(report.performer?.[0]), time: fmt(report.issued) })}</Typography.Text>
      {rows.length > 0 && (
        <Table<Obs>
          size="small"
          rowKey={(o) => String(o.id)}
          pagination={false}
          dataSource={rows}
          style={{ marginTop: 8 }}
          columns={[
            { title: t('result.analyte'), key: 'n', render: (_, o) => name(o) },
            {
              title: t('result.value'), key: 'v',
              render: (_, o) => {
                const f = flagOf(o);
                const abnormal = f && f !== 'N';
                return <Typography.Text strong={!!abnormal} type={f === 'HH' || f === 'LL' ? 'danger' : undefined}>{o.valueQuantity?.value} {o.valueQuantity?.unit}</Typography.Text>;
              },
            },
            { title: t('result.flag'), key: 'f', render: (_, o) => { const f = flagOf(o); return f ? <Tag color={FLAG_COLOR[f]} data-testid={`flag-${loincOf(o)}`}>{t(`flag.${f}`, { defaultValue: f })}</Tag> : null; } },
            { title: t('result.range'), key: 'r', render: (_, o) => o.referenceRange?.[0]?.text ?? <Typography.Text type="secondary">{t('result.noRange')}</Typography.Text> },
            { title: t('result.trend'), key: 't', render: (_, o) => <Button size="small" type="link" icon={<LineChartOutlined />} onClick={() => setTrend(o)} data-testid={`trend-${loincOf(o)}`} /> },
          ]}
        />
      )}
      {trail.kind === 'imaging' && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text strong>{t('result.findings')}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{findings}</Typography.Paragraph>
          <Typography.Text strong>{t('result.conclusion')}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{report.conclusion}</Typography.Paragraph>
        </div>
      )}
      {trail.kind === 'laboratory' && report.conclusion && <Typography.Paragraph style={{ marginTop: 8 }}>{report.conclusion}</Typography.Paragraph>}
      {trend && <TrendModal obs={trend} title={name(trend)} patient={patient} onClose={() => setTrend(null)} />}
    </div>
  );
}

function TrendModal({ obs, title, patient, onClose }: { obs: Obs; title: string; patient: string; onClose(): void }) {
  const { t } = useTranslation('orders');
  const code = loincOf(obs);
  const series = useLoad(async (signal) => matches<Obs>(await api.fhir.search('Observation', { patient, code: `${LOINC}|${code}`, _sort: 'date', _count: 200 }, { signal })), [patient, code]);
  const range = obs.referenceRange?.[0];
  const points = (series.data ?? [])
    .filter((o) => typeof o.valueQuantity?.value === 'number' && o.effectiveDateTime)
    .map((o) => [dayjs(o.effectiveDateTime).valueOf(), o.valueQuantity?.value as number] as [number, number]);
  return (
    <Modal open onCancel={onClose} footer={null} title={t('trendTitle', { name: title })} width={720}>
      <div data-testid="trend-modal">
      {series.loading && !series.data ? <Loading /> : series.error ? <LoadError error={series.error} onRetry={series.reload} /> : (
        <TrendChart series={[{ name: title, points, range: { low: range?.low?.value, high: range?.high?.value } }]} unit={obs.valueQuantity?.unit} height={280} testId="trend-chart" />
      )}
      </div>
    </Modal>
  );
}

function ResultForm({ trail, test, catalogue, onClose }: { trail: Trail; test: Catalogue['tests'][number]; catalogue: Catalogue; onClose(changed: boolean): void }) {
  const { t } = useTranslation('orders');
  const bi = useBi();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ values: Record<string, number | null>; findings?: string; conclusion?: string; comment?: string }>();
  const [busy, setBusy] = useState(false);
  const analytes = (test.analytes ?? []).map((c) => catalogue.analytes.find((a) => a.loinc.code === c)).filter((a): a is Catalogue['analytes'][number] => !!a);
  const lab = test.kind === 'laboratory';

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return; // the form shows what is missing
    const rows = lab ? analytes.filter((a) => typeof v.values?.[a.loinc.code] === 'number').map((a) => ({ code: a.loinc.code, value: v.values[a.loinc.code] as number })) : [];
    if (lab && !rows.length) {
      message.error(t('resultForm.atLeastOne'));
      return;
    }
    setBusy(true);
    try {
      await ordersApi.results(trail, lab ? { results: rows, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) } : { findings: v.findings ?? '', conclusion: v.conclusion ?? '' });
      message.success(t('actions.done'));
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError) {
        // results.<i>.… names the i-th submitted row: show it on that analyte's field
        const fields = e.fieldErrors((x) => {
          const m = /^results\.(\d+)\./.exec(x);
          if (m) return ['values', rows[Number(m[1])]?.code ?? ''];
          return ['findings', 'conclusion', 'comment'].includes(x) ? x : undefined;
        });
        form.setFields(fields.map((f) => ({ name: f.name as never, errors: f.errors })));
        if (!fields.length) message.error(e.message);
      } else message.error(String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('resultForm.title', { name: bi(test.name) })} onCancel={() => onClose(false)} onOk={submit} okText={t('resultForm.submit')} confirmLoading={busy} width={640} destroyOnHidden okButtonProps={{ 'data-testid': 'results-submit' } as never}>
      <Form form={form} layout={lab ? 'horizontal' : 'vertical'} labelCol={lab ? { span: 10 } : undefined} data-testid="result-form">
        {lab && analytes.map((a) => (
          <Form.Item key={a.loinc.code} name={['values', a.loinc.code]} label={`${bi(a.name)} (${a.abbr})`} style={{ marginBottom: 8 }}>
            <InputNumber min={0} style={{ width: 200 }} suffix={a.unitDisplay} data-testid={`value-${a.loinc.code}`} />
          </Form.Item>
        ))}
        {lab && <Form.Item name="comment" label={t('resultForm.comment')}><Input maxLength={2000} /></Form.Item>}
        {!lab && (
          <>
            <Form.Item name="findings" label={t('resultForm.findings')} rules={[{ required: true, whitespace: true, message: t('resultForm.findingsRequired') }]}>
              <Input.TextArea autoSize={{ minRows: 4 }} data-testid="findings" />
            </Form.Item>
            <Form.Item name="conclusion" label={t('resultForm.conclusion')} rules={[{ required: true, whitespace: true, message: t('resultForm.conclusionRequired') }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} data-testid="conclusion" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

function MedicationOrderForm({ open, catalogue, patient, encounter, onClose }: { open: boolean; catalogue: Catalogue; patient: string; encounter?: string; onClose(changed: boolean): void }) {
  const { t } = useTranslation('orders');
  const bi = useBi();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined) as { medication: string; dose: { value: number; unit: string }; route: string; frequency: string; days?: number; note?: string } | undefined;
    if (!v) return; // the form shows what is missing
    setBusy(true);
    try {
      await ordersApi.orderMedication({ patient, ...(encounter ? { encounter } : {}), ...v, medication: v.medication.trim() });
      message.success(t('created'));
      form.resetFields();
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError) {
        const fields = e.fieldErrors((x) => (['medication', 'dose.value', 'dose.unit', 'route', 'frequency', 'days', 'note'].includes(x) ? fieldPath(x) : undefined));
        form.setFields(fields.map((f) => ({ name: f.name as never, errors: f.errors })));
        if (!fields.length) message.error(e.message);
      } else message.error(String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('newMedication')} onCancel={() => onClose(false)} onOk={submit} okText={t('medicationForm.submit')} confirmLoading={busy} destroyOnHidden width={600}>
      <Form form={form} layout="vertical" initialValues={{ dose: { unit: 'mg' } }} data-testid="medication-form">
        <Form.Item name="medication" label={t('medicationForm.medication')} rules={[{ required: true, whitespace: true, message: t('medicationForm.medicationRequired') }]}>
          <Input placeholder={t('medicationForm.medicationPlaceholder')} maxLength={200} data-testid="medication-name" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name={['dose', 'value']} label={t('medicationForm.dose')} rules={[{ required: true, message: t('medicationForm.doseRequired') }]}>
              <InputNumber min={0.0001} style={{ width: '100%' }} data-testid="medication-dose" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['dose', 'unit']} label={t('medicationForm.unit')} rules={[{ required: true }]}>
              <Select options={catalogue.doseUnits.map((u) => ({ value: u.code, label: bi(u.name) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="route" label={t('medicationForm.route')} rules={[{ required: true, message: t('medicationForm.routeRequired') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={catalogue.routes.map((r) => ({ value: r.code, label: bi(r.name) }))} data-testid="medication-route" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="frequency" label={t('medicationForm.frequency')} rules={[{ required: true, message: t('medicationForm.frequencyRequired') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={catalogue.frequencies.map((f) => ({ value: f.code, label: `${f.code} · ${bi(f.name)}` }))} data-testid="medication-frequency" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="days" label={t('medicationForm.days')}><InputNumber min={1} max={90} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={12}><Form.Item name="note" label={t('medicationForm.note')}><Input maxLength={500} /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}

function ServiceOrderForm({ open, catalogue, patient, encounter, onClose }: { open: boolean; catalogue: Catalogue; patient: string; encounter?: string; onClose(changed: boolean): void }) {
  const { t } = useTranslation('orders');
  const bi = useBi();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const group = (kind: 'laboratory' | 'imaging') => ({
    label: t(`serviceForm.${kind}`),
    options: catalogue.tests.filter((x) => x.kind === kind).map((x) => ({ value: x.key, label: bi(x.name) })),
  });
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined) as { test: string; priority?: string; reason?: string; note?: string } | undefined;
    if (!v) return; // the form shows what is missing
    setBusy(true);
    try {
      await ordersApi.orderService({ patient, ...(encounter ? { encounter } : {}), ...v });
      message.success(t('created'));
      form.resetFields();
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError) {
        const fields = e.fieldErrors((x) => (['test', 'priority', 'reason', 'note'].includes(x) ? x : undefined));
        form.setFields(fields.map((f) => ({ name: f.name as never, errors: f.errors })));
        if (!fields.length) message.error(e.message);
      } else message.error(String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('newService')} onCancel={() => onClose(false)} onOk={submit} okText={t('serviceForm.submit')} confirmLoading={busy} destroyOnHidden width={560} okButtonProps={{ 'data-testid': 'service-submit' } as never}>
      <Form form={form} layout="vertical" initialValues={{ priority: 'routine' }} data-testid="service-form">
        <Form.Item name="test" label={t('serviceForm.test')} rules={[{ required: true, message: t('serviceForm.testRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={[group('laboratory'), group('imaging')]} data-testid="service-test" />
        </Form.Item>
        <Form.Item name="priority" label={t('serviceForm.priority')}>
          <Radio.Group options={(['routine', 'urgent', 'stat'] as const).map((p) => ({ value: p, label: t(`serviceForm.priorities.${p}`) }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('serviceForm.reason')}><Input maxLength={500} /></Form.Item>
        <Form.Item name="note" label={t('serviceForm.note')}><Input maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  );
}
