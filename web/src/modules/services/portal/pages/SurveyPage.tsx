// 满意度调查: the finished visits waiting for the patient's opinion, and the survey form drawn from the Questionnaire
// (choice items as a row of large buttons, yes/no, free text). The server checks the answers against the same
// Questionnaire; its problems come back beside the questions.
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Radio, Rate, Result, Skeleton, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../../app/api';
import type { Resource } from '../../../../app/fhir-types';
import { useLoad } from '../../../../app/use-load';
import { EmptyState, LoadError } from '../../../../app/states';
import { portal } from '../api';
import { PortalPage } from '../layout';
import { dayText } from '../time';
import { deptName, usePortalLang } from '../display';

const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';
interface Translated { extension?: { url?: string; extension?: { url?: string; valueCode?: string; valueString?: string }[] }[] }
interface Item {
  linkId: string; type: string; text?: string; _text?: Translated; required?: boolean; maxLength?: number;
  answerOption?: { valueCoding?: { code?: string; display?: string; _display?: Translated } }[];
}

/** a Questionnaire string in the UI language (the translation extension carries the English) */
function tr(text: string | undefined, ext: Translated | undefined, lang: 'zh-CN' | 'en'): string {
  if (lang !== 'en') return text ?? '';
  const t = ext?.extension?.find((e) => e.url === TRANSLATION && e.extension?.some((x) => x.url === 'lang' && x.valueCode?.startsWith('en')));
  return t?.extension?.find((x) => x.url === 'content')?.valueString ?? text ?? '';
}

type Option = { value: string; label: string };
/** options coded 1…n (n = best): shown as n stars, the chosen one's words beside them */
const isScale = (o: Option[]) => o.length > 1 && o.every((x) => /^\d+$/.test(x.value)) && new Set(o.map((x) => Number(x.value))).size === o.length && Math.max(...o.map((x) => Number(x.value))) === o.length;

function StarScale({ options, value, onChange, testId }: { options: Option[]; value?: string; onChange?: (v: string) => void; testId: string }) {
  const byValue = new Map(options.map((o) => [Number(o.value), o.label]));
  const n = value ? Number(value) : 0;
  return (
    <div className="hy-portal-row" style={{ justifyContent: 'flex-start', gap: 12 }} data-testid={testId} data-value={value ?? ''}>
      <Rate count={options.length} value={n} onChange={(v) => onChange?.(v ? String(v) : '')} tooltips={[...byValue.keys()].sort((a, b) => a - b).map((k) => byValue.get(k) ?? '')} style={{ fontSize: 32 }} />
      <Typography.Text strong={!!n} type={n ? undefined : 'secondary'}>{n ? byValue.get(n) : ''}</Typography.Text>
    </div>
  );
}

export function SurveyListPage() {
  const { t } = useTranslation('portal');
  const lang = usePortalLang();
  const { data, error, loading, reload } = useLoad((s) => portal.pendingSurveys(s), []);
  return (
    <PortalPage title={t('survey.title')} back="/portal/me" testId="survey-list">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('survey.intro')}</Typography.Paragraph>
      {loading && !data ? <Skeleton active /> : error && !data ? <LoadError error={error} onRetry={reload} /> : !data?.visits.length ? (
        <EmptyState description={t('survey.none')} />
      ) : (
        <Card className="hy-portal-card">
          {data.visits.map((v) => (
            <Link key={v.encounter} to={`/portal/survey/${encodeURIComponent(v.encounter)}`} className="hy-portal-list-item" data-testid="survey-visit">
              <span />
              <span><Typography.Text strong>{deptName(v.department, lang)}</Typography.Text> {v.doctor}<br /><Typography.Text type="secondary">{dayText(v.end ?? v.start, lang)}</Typography.Text></span>
              <RightOutlined />
            </Link>
          ))}
        </Card>
      )}
    </PortalPage>
  );
}

export function SurveyPage() {
  const { t } = useTranslation('portal');
  const lang = usePortalLang();
  const { encounter = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const q = useLoad((s) => portal.questionnaire(s), []);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [formError, setFormError] = useState<string>();
  const items = ((q.data as Resource | undefined)?.item as Item[] | undefined) ?? [];

  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    setFormError(undefined);
    try {
      const answers = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
      await portal.submitSurvey(encounter, answers);
      setDone(true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.issues.some((i) => i.expression?.length)) {
        form.setFields(e.fieldErrors((x) => x.replace(/^answers\./, '')).map((f) => ({ name: f.name as string, errors: f.errors })));
        void message.error(t('survey.fix'));
      } else setFormError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <PortalPage title={t('survey.title')} back="/portal">
        <Card className="hy-portal-card"><Result status="success" title={t('survey.thanks')} subTitle={t('survey.thanksText')} data-testid="survey-done"
          extra={<Button type="primary" size="large" onClick={() => navigate('/portal')}>{t('survey.home')}</Button>} /></Card>
      </PortalPage>
    );
  }
  return (
    <PortalPage title={t('survey.title')} back="/portal/survey" testId="survey-form">
      {q.loading && !q.data ? <Skeleton active /> : q.error && !q.data ? <LoadError error={q.error} onRetry={q.reload} /> : (
        <Card className="hy-portal-card hy-portal-survey">
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} name="survey" scrollToFirstError>
            {items.map((item, i) => {
              const label = `${i + 1}. ${tr(item.text, item._text, lang)}`;
              const rules = item.required ? [{ required: true, message: t('survey.required') }] : [];
              if (item.type === 'choice') {
                const options = (item.answerOption ?? []).map((o) => ({ value: o.valueCoding?.code ?? '', label: tr(o.valueCoding?.display, o.valueCoding?._display, lang) }));
                return (
                  <Form.Item key={item.linkId} name={item.linkId} label={label} rules={rules}>
                    {isScale(options) ? <StarScale options={options} testId={`q-${item.linkId}`} /> : (
                      <Radio.Group optionType="button" buttonStyle="solid" style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }} data-testid={`q-${item.linkId}`} options={options} />
                    )}
                  </Form.Item>
                );
              }
              if (item.type === 'boolean') {
                return (
                  <Form.Item key={item.linkId} name={item.linkId} label={label} rules={rules}>
                    <Radio.Group optionType="button" buttonStyle="solid" data-testid={`q-${item.linkId}`} options={[{ value: true, label: t('common.yes') }, { value: false, label: t('common.no') }]} />
                  </Form.Item>
                );
              }
              return (
                <Form.Item key={item.linkId} name={item.linkId} label={label} rules={rules}>
                  <Input.TextArea rows={3} maxLength={item.maxLength} showCount={!!item.maxLength} data-testid={`q-${item.linkId}`} />
                </Form.Item>
              );
            })}
            <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="survey-submit">{t('survey.submit')}</Button>
          </Form>
        </Card>
      )}
    </PortalPage>
  );
}
