// /triage: the triage nurse's fast entry (tablet first). The level is computed live (POST /api/triage) as she types;
// saving registers the arrival with its triage (POST /api/triage/encounters) and opens the board.
import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Card, Col, Collapse, Form, Grid, Input, InputNumber, Radio, Row, Segmented, Select, Space, Switch, Typography } from 'antd';
import { DashboardOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { LoadError } from '../../../app/states';
import { triageApi, type Algorithm, type NewPatient, type TriageInput, type TriageResult, type Vitals } from './api';
import { LevelBadge, useCatalogue, useEn, useLevelText } from './display';
import { FlagChips, MAIN_VITALS, MORE_VITALS, OxygenSwitch, ResourcesStepper, VitalFields } from './fields';
import { PatientPicker, type PickedPatient as Picked } from '../../emr/patients/PatientPicker';
import { ResultPanel } from './ResultPanel';
import './triage.css';

type Mode = 'new' | 'existing';

export function TriagePage() {
  const { t } = useTranslation('triage');
  const { message } = App.useApp();
  const en = useEn();
  const levelText = useLevelText();
  const navigate = useNavigate();
  const { catalogue, error: catalogueError } = useCatalogue();
  // portrait tablets and phones: the form is one column, so the level rides along in a bar at the bottom
  const narrow = !Grid.useBreakpoint().lg;

  const [algorithm, setAlgorithm] = useState<Algorithm | undefined>();
  const [mode, setMode] = useState<Mode>('new');
  const [name, setName] = useState('');
  const [sex, setSex] = useState<NewPatient['sex']>('male');
  const [ageValue, setAgeValue] = useState<number | null>(null);
  const [ageUnit, setAgeUnit] = useState<'years' | 'months'>('years');
  const [phone, setPhone] = useState('');
  const [picked, setPicked] = useState<Picked | undefined>();
  const [complaint, setComplaint] = useState('');
  const [flags, setFlags] = useState<string[] | undefined>();
  const [vitals, setVitals] = useState<Vitals>({});
  const [resources, setResources] = useState<number | undefined>();
  const [overrideOn, setOverrideOn] = useState(false);
  const [overrideLevel, setOverrideLevel] = useState<number | undefined>();
  const [overrideReason, setOverrideReason] = useState('');
  const [result, setResult] = useState<TriageResult>();
  const [computing, setComputing] = useState(false);
  const [computeError, setComputeError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const alg = algorithm ?? catalogue?.defaultAlgorithm ?? 'cn2018';
  const age = ageValue === null ? undefined : ageUnit === 'months' ? ageValue / 12 : ageValue;
  const input = useMemo<TriageInput | undefined>(() => (age === undefined ? undefined : {
    algorithm: alg, age, vitals, ...(complaint.trim() ? { complaint: complaint.trim() } : {}),
    ...(flags ? { flags } : {}), ...(resources !== undefined ? { expectedResources: resources } : {}),
  }), [alg, age, vitals, complaint, flags, resources]);

  // the level as she types: debounced, and only the latest answer counts
  const seq = useRef(0);
  useEffect(() => {
    if (!input) {
      setResult(undefined);
      return;
    }
    const n = ++seq.current;
    setComputing(true);
    const timer = setTimeout(() => {
      triageApi.compute(input, en ? 'en' : 'zh').then(
        (r) => { if (n === seq.current) { setResult(r); setComputeError(undefined); setComputing(false); } },
        (e: unknown) => { if (n === seq.current) { setComputeError((e as Error).message); setComputing(false); } },
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [input, en]);

  const suggested = result?.suggestedFlags.map((s) => s.flag) ?? [];
  const selected = flags ?? result?.flags ?? [];
  const toggle = (f: string) => setFlags(selected.includes(f) ? selected.filter((x) => x !== f) : [...selected, f]);
  const levels = catalogue?.algorithms.find((a) => a.code === alg)?.levels ?? [];

  const reset = () => {
    setName(''); setPhone(''); setAgeValue(null); setPicked(undefined); setComplaint(''); setFlags(undefined); setVitals({});
    setResources(undefined); setOverrideOn(false); setOverrideLevel(undefined); setOverrideReason(''); setErrors({});
  };

  const save = async () => {
    const problems: Record<string, string> = {};
    if (mode === 'new' && !name.trim()) problems.name = t('form.nameRequired');
    if (mode === 'existing' && !picked) problems.patient = t('form.pickRequired');
    if (age === undefined) problems.age = t('form.ageRequired');
    if (overrideOn && overrideLevel !== undefined && !overrideReason.trim()) problems.overrideReason = t('form.overrideReasonRequired');
    setErrors(problems);
    if (Object.keys(problems).length || !input) return;
    setSaving(true);
    try {
      const stored = await triageApi.register({
        ...input,
        ...(mode === 'new' ? { newPatient: { name: name.trim(), sex, ...(age !== undefined ? { age } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) } } : { patient: picked?.id }),
        ...(overrideOn && overrideLevel !== undefined ? { override: { level: overrideLevel, reason: overrideReason.trim() } } : {}),
      }, en ? 'en' : 'zh');
      void message.success(t('form.saved', { name: mode === 'new' ? name.trim() : picked?.name, level: levelText(stored.level.algorithm, stored.level.label) }));
      reset();
      navigate('/emergency/board');
    } catch (e) {
      const fields = e instanceof ApiError ? e.fieldErrors((x) => x.replace(/^override\./, 'override')) : [];
      if (fields.length) setErrors(Object.fromEntries(fields.map((f) => [String(f.name), f.errors.join('; ')])));
      void message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  if (catalogueError) return <LoadError error={catalogueError} />;
  const saveButton = (
    <Button size="large" type="primary" danger={result?.zone === 'red'} loading={saving} onClick={() => void save()} data-testid="triage-save">{t('form.save')}</Button>
  );

  return (
    <div data-testid="triage-page" className={narrow ? 'hy-triage hy-triage-narrow' : 'hy-triage'}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('form.title')}</Typography.Title>
        <Space wrap>
          <Segmented
            size="large"
            value={alg}
            onChange={(v) => { setAlgorithm(v as Algorithm); setOverrideLevel(undefined); }}
            options={(['cn2018', 'esi4'] as const).map((a) => ({ value: a, label: t(`algorithm.${a}`) }))}
            data-testid="algorithm"
          />
          <Link to="/emergency/board"><Button size="large" icon={<DashboardOutlined />}>{t('form.toBoard')}</Button></Link>
        </Space>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Form layout="vertical" component="div">
            <Card title={t('form.patient')} style={{ marginBottom: 16 }}
              extra={<Segmented value={mode} onChange={(v) => setMode(v as Mode)} options={[{ value: 'new', label: t('form.newPatient') }, { value: 'existing', label: t('form.existing') }]} data-testid="patient-mode" />}>
              {mode === 'new' ? (
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item label={t('form.name')} required validateStatus={errors.name ? 'error' : undefined} help={errors.name}>
                      <Space.Compact style={{ width: '100%' }}>
                        <Input id="triage-name" size="large" value={name} onChange={(e) => setName(e.target.value)} placeholder={t('form.namePlaceholder')} maxLength={100} />
                        <Button size="large" onClick={() => setName(t('form.unknownName'))}>{t('form.unknownName')}</Button>
                      </Space.Compact>
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item label={t('form.sex')} required>
                      <Radio.Group size="large" optionType="button" buttonStyle="solid" value={sex} onChange={(e) => setSex(e.target.value as NewPatient['sex'])}
                        options={[{ value: 'male', label: t('form.male') }, { value: 'female', label: t('form.female') }, { value: 'unknown', label: t('form.unknown') }]} />
                    </Form.Item>
                  </Col>
                </Row>
              ) : (
                <Form.Item label={t('form.pick')} required validateStatus={errors.patient ? 'error' : undefined} help={errors.patient ?? t('form.pickHint')}>
                  <PatientPicker size="large" testId="triage-patient-picker" placeholder={t('form.pickPlaceholder')} value={picked} onChange={(p) => { setPicked(p); if (p?.ageYears !== undefined && ageValue === null) { setAgeUnit('years'); setAgeValue(Math.floor(p.ageYears)); } }} />
                </Form.Item>
              )}
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item label={t('form.age')} required validateStatus={errors.age ? 'error' : undefined} help={errors.age}>
                    <Space.Compact style={{ width: '100%' }}>
                      <InputNumber id="triage-age" size="large" inputMode="numeric" min={0} max={ageUnit === 'months' ? 36 : 130} precision={0} style={{ width: '100%' }}
                        value={ageValue} onChange={(v) => setAgeValue(typeof v === 'number' ? v : null)} />
                      <Select size="large" value={ageUnit} onChange={setAgeUnit} style={{ width: 96 }}
                        options={[{ value: 'years', label: t('form.years') }, { value: 'months', label: t('form.months') }]} />
                    </Space.Compact>
                  </Form.Item>
                </Col>
                {mode === 'new' && (
                  <Col xs={24} sm={12}>
                    <Form.Item label={t('form.phone')}>
                      <Input size="large" inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={20} />
                    </Form.Item>
                  </Col>
                )}
              </Row>
            </Card>

            <Card title={t('form.complaint')} style={{ marginBottom: 16 }}>
              <Input.TextArea id="triage-complaint" size="large" autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} value={complaint}
                onChange={(e) => setComplaint(e.target.value)} placeholder={t('form.complaintPlaceholder')} />
              <Typography.Paragraph type="secondary" style={{ margin: '12px 0 8px' }}>{t('form.flags')} · {t('form.flagsHint')}</Typography.Paragraph>
              <FlagChips catalogue={catalogue} selected={selected} suggested={flags ? suggested.filter((f) => !selected.includes(f)) : suggested} onToggle={toggle} />
            </Card>

            <Card title={t('form.vitals')} style={{ marginBottom: 16 }} extra={<OxygenSwitch value={vitals} onChange={setVitals} />}>
              <VitalFields value={vitals} onChange={setVitals} fields={MAIN_VITALS} idPrefix="triage" />
              <Collapse ghost style={{ marginTop: 8 }} items={[{ key: 'more', label: t('form.more'), children: <VitalFields value={vitals} onChange={setVitals} fields={MORE_VITALS} idPrefix="triage" /> }]} />
            </Card>

            <Card title={t('form.resources')} style={{ marginBottom: 16 }}>
              <ResourcesStepper value={resources} onChange={setResources} />
            </Card>
          </Form>
        </Col>
        <Col xs={24} lg={10}>
          <div className="hy-triage-sticky">
            <ResultPanel result={result} computing={computing} error={computeError} {...(overrideOn && overrideLevel !== undefined ? { override: overrideLevel } : {})} />
            <Card style={{ marginTop: 16 }}>
              <label className="hy-triage-inline">
                <Switch checked={overrideOn} onChange={setOverrideOn} data-testid="override-switch" />
                <span>{t('form.override')}</span>
              </label>
              {overrideOn && (
                <Form layout="vertical" component="div" style={{ marginTop: 12 }}>
                  <Form.Item label={t('form.overrideLevel')}>
                    <Segmented size="large" value={overrideLevel} onChange={(v) => setOverrideLevel(v as number)}
                      options={levels.map((l) => ({ value: l.level, label: levelText(alg, l.label) }))} />
                  </Form.Item>
                  <Form.Item label={t('form.overrideReason')} required validateStatus={errors.overrideReason ? 'error' : undefined} help={errors.overrideReason}>
                    <Input.TextArea id="triage-override-reason" value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} maxLength={500}
                      autoSize={{ minRows: 2 }} placeholder={t('form.overridePlaceholder')} />
                  </Form.Item>
                </Form>
              )}
            </Card>
            <Space style={{ marginTop: 16, width: '100%', justifyContent: 'flex-end' }}>
              <Button size="large" onClick={reset}>{t('form.reset')}</Button>
              {!narrow && saveButton}
            </Space>
          </div>
        </Col>
      </Row>
      {narrow && (
        <div className="hy-triage-bar" data-testid="triage-bar">
          {result
            ? <Space><LevelBadge zone={result.zone} text={levelText(result.algorithm, result.label)} size="medium" /><Typography.Text strong>{t(`zone.${result.zone}`)} · {result.maxWaitMinutes === 0 ? t('seeNow') : t('seeWithin', { n: result.maxWaitMinutes })}</Typography.Text></Space>
            : <Typography.Text type="secondary">{t('result.waiting')}</Typography.Text>}
          {saveButton}
        </div>
      )}
    </div>
  );
}
