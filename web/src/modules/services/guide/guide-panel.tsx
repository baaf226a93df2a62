// The smart guide form and its answer, phone-first: what is wrong (free text), age, sex, pregnancy, body-part chips;
// then danger signs first (a big 急诊 banner with the reasons and a 120 button), the ranked departments with a
// score bar and the words behind each, and a "book" button per department when the host page gives onBook
// (the patient portal does; the staff page does not book).
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Progress, Radio, Select, Space, Switch, Tag, Typography } from 'antd';
import { AlertOutlined, MedicineBoxOutlined, PhoneOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api';
import { guideApi } from './api';
import { BODY_PARTS, MAX_TEXT, type GuideDepartment, type GuideInput, type GuideResult } from './types';
import './guide.css';

export interface GuidePanelProps {
  /** shows a "book" button per department */
  onBook?: (dept: { code: string; name: string; nameEn: string }, input: GuideInput) => void;
  /** departments this hospital has clinics for (others say so instead of offering "book"); all when absent */
  bookable?: ReadonlySet<string>;
}

interface FormValues {
  text: string;
  age?: number;
  ageUnit: 'years' | 'months';
  sex?: 'female' | 'male';
  pregnant?: boolean;
}

export function GuidePanel({ onBook, bookable }: GuidePanelProps) {
  const { t, i18n } = useTranslation('guide');
  const lang: 'zh' | 'en' = i18n.language === 'en' ? 'en' : 'zh';
  const [form] = Form.useForm<FormValues>();
  const sex = Form.useWatch('sex', form);
  const [parts, setParts] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [answer, setAnswer] = useState<{ input: GuideInput; result: GuideResult }>();
  const last = useRef<GuideInput>(undefined);

  const run = async (input: GuideInput) => {
    last.current = input;
    setBusy(true);
    setError(undefined);
    try {
      const result = await guideApi.run(input);
      if (last.current === input) setAnswer({ input, result });
    } catch (e) {
      if (last.current === input) setError(e);
    } finally {
      if (last.current === input) setBusy(false);
    }
  };

  // the answer follows a language switch
  useEffect(() => {
    if (last.current && last.current.lang !== lang) void run({ ...last.current, lang });
  }, [lang]);

  const submit = (v: FormValues) => {
    const age = v.age === undefined || v.age === null ? undefined : v.ageUnit === 'months' ? Math.round((v.age / 12) * 1000) / 1000 : v.age;
    void run({
      text: v.text.trim(),
      ...(age !== undefined ? { age } : {}),
      ...(v.sex ? { sex: v.sex } : {}),
      ...(v.sex === 'female' && v.pregnant ? { pregnant: true } : {}),
      ...(parts.length ? { bodyParts: parts } : {}),
      lang,
    });
  };

  const reset = () => {
    form.resetFields();
    setParts([]);
    setAnswer(undefined);
    setError(undefined);
    last.current = undefined;
  };

  return (
    <Flex vertical gap={16} className="hy-guide" data-testid="guide-panel">
      <Card size="small">
        <Form<FormValues> form={form} layout="vertical" onFinish={submit} initialValues={{ ageUnit: 'years' }} requiredMark={false} name="guide">
          <Form.Item name="text" label={t('form.text')} rules={[{ required: true, whitespace: true, message: t('form.textRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={MAX_TEXT} showCount placeholder={t('form.textPlaceholder')} data-testid="guide-text" />
          </Form.Item>
          <Form.Item label={t('form.bodyParts')}>
            <Flex wrap gap={6} data-testid="guide-parts">
              {BODY_PARTS.map((p) => (
                <Tag.CheckableTag key={p} checked={parts.includes(p)} className="hy-guide-chip"
                  onChange={(on) => setParts((cur) => (on ? [...cur, p] : cur.filter((x) => x !== p)))}>
                  {t(`parts.${p}`)}
                </Tag.CheckableTag>
              ))}
            </Flex>
          </Form.Item>
          <Flex wrap gap={16} align="end">
            <Form.Item label={t('form.age')} style={{ marginBottom: 12 }}>
              <Space.Compact>
                <Form.Item name="age" noStyle>
                  <InputNumber min={0} max={150} precision={0} style={{ width: 88 }} inputMode="numeric" data-testid="guide-age" />
                </Form.Item>
                <Form.Item name="ageUnit" noStyle>
                  <Select style={{ width: 96 }} options={[{ value: 'years', label: t('form.ageUnit.years') }, { value: 'months', label: t('form.ageUnit.months') }]} />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
            <Form.Item name="sex" label={t('form.sex')} style={{ marginBottom: 12 }}>
              <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'female', label: t('form.female') }, { value: 'male', label: t('form.male') }]} />
            </Form.Item>
            {sex === 'female' && (
              <Form.Item name="pregnant" label={t('form.pregnant')} valuePropName="checked" style={{ marginBottom: 12 }}>
                <Switch data-testid="guide-pregnant" />
              </Form.Item>
            )}
          </Flex>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" size="large" loading={busy} icon={<MedicineBoxOutlined />} className="hy-guide-submit" data-testid="guide-submit">
              {t('form.submit')}
            </Button>
            <Button size="large" onClick={reset}>{t('form.reset')}</Button>
          </Flex>
        </Form>
      </Card>

      {error ? <Alert type="error" showIcon message={error instanceof ApiError ? error.message : String(error)} data-testid="guide-error" /> : null}
      {answer ? <GuideAnswer result={answer.result} input={answer.input} onBook={onBook} bookable={bookable} /> : !error && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('result.intro')}</Typography.Paragraph>
      )}
    </Flex>
  );
}

function GuideAnswer({ result, input, onBook, bookable }: { result: GuideResult; input: GuideInput; onBook?: GuidePanelProps['onBook']; bookable?: ReadonlySet<string> }) {
  const { t } = useTranslation('guide');
  return (
    <Flex vertical gap={12} data-testid="guide-result" aria-live="polite">
      {result.emergency && (
        <div className="hy-guide-emergency" role="alert" data-testid="guide-emergency">
          <Flex align="center" gap={10}>
            <AlertOutlined className="hy-guide-emergency-icon" />
            <div className="hy-guide-emergency-title">{t('result.emergencyTitle')}</div>
          </Flex>
          <div className="hy-guide-emergency-sub">{t('result.emergencySub')}</div>
          <ul className="hy-guide-flags">
            {result.redFlags.map((f) => (
              <li key={f.code} data-testid="guide-red-flag" data-code={f.code}><strong>{f.label}</strong>：{f.reason}</li>
            ))}
          </ul>
          <Button danger type="primary" size="large" icon={<PhoneOutlined />} href="tel:120" block>{t('result.call120')}</Button>
        </div>
      )}
      <Card size="small" title={t('result.departments')} styles={{ body: { padding: 0 } }}>
        {result.departments.map((d, i) => (
          <DepartmentRow
            key={d.code} d={d} first={i === 0}
            noClinic={!!onBook && d.code !== '20' && !!bookable && !bookable.has(d.code)}
            onBook={onBook && d.code !== '20' && (!bookable || bookable.has(d.code)) ? () => onBook({ code: d.code, name: d.name, nameEn: d.nameEn }, input) : undefined}
          />
        ))}
      </Card>
      <Alert type={result.emergency ? 'warning' : 'info'} showIcon message={t('result.advice')} description={result.advice} data-testid="guide-advice" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('result.disclaimer')}</Typography.Text>
    </Flex>
  );
}

function DepartmentRow({ d, first, onBook, noClinic }: { d: GuideDepartment; first: boolean; onBook?: () => void; noClinic?: boolean }) {
  const { t, i18n } = useTranslation('guide');
  const en = i18n.language === 'en';
  return (
    <div className={`hy-guide-dept${first ? ' hy-guide-dept-first' : ''}`} data-testid="guide-department" data-code={d.code}>
      <Flex justify="space-between" align="center" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong className="hy-guide-dept-name">{en ? d.nameEn : d.name}</Typography.Text>
          <Typography.Text type="secondary" className="hy-guide-dept-alt"> {en ? d.name : d.nameEn} · {d.code}</Typography.Text>
        </div>
        {onBook && <Button type="primary" ghost onClick={onBook} data-testid="guide-book">{t('result.book')}</Button>}
        {noClinic && <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'right' }} data-testid="guide-no-clinic">{t('result.noClinic')}</Typography.Text>}
      </Flex>
      <Progress percent={Math.round(d.score * 100)} size="small" status={d.code === '20' ? 'exception' : 'normal'} format={(p) => `${t('result.score')} ${p}%`} />
      <Flex wrap gap={4} align="center">
        {d.evidence.length ? (
          <>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('result.evidence')}:</Typography.Text>
            {d.evidence.map((w) => <Tag key={w} color="blue" style={{ marginInlineEnd: 0 }}>{w}</Tag>)}
          </>
        ) : <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('result.noEvidence')}</Typography.Text>}
      </Flex>
    </div>
  );
}
