// Register a patient. The form runs the server's own checks (the shared registration-input.ts) as the clerk types,
// so every problem shows beside its field in the user's language before anything is sent; what only the server
// can know (the same document already registered, a possible duplicate) comes back as a warning with
// "open existing" / "register anyway". A valid 居民身份证 number fills in the birth date and sex.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Divider, Form, Input, Radio, Result, Row, Select, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import type { Resource } from '../../../app/fhir-types';
import { IDENTITY_DOCUMENTS, checkDocumentNumber, identityDocument } from '../../../../../src/modules/emr/patients/identity-documents';
import { RELATIONSHIPS, SEXES, checkRegistration, type RegistrationInput } from '../../../../../src/modules/emr/patients/registration-input';
import type { Problem } from '../../../../../src/modules/emr/patients/problem-codes';
import { duplicateOf, registerPatient } from './api';
import { patientFacts, useDisplay } from './display';

interface Values {
  name?: string;
  idType?: string;
  idNumber?: string;
  sex?: string;
  birthDate?: Dayjs | null;
  phone?: string;
  address?: string;
  contact?: { name?: string; relationship?: string; phone?: string };
}

const MRN_SYSTEM = 'https://huiyi.dev/fhir/sid/mrn';

function toInput(v: Values): RegistrationInput {
  return {
    name: v.name, idType: v.idType, idNumber: v.idNumber, sex: v.sex,
    birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : undefined,
    phone: v.phone, address: v.address,
    ...(v.contact ? { contact: v.contact } : {}),
  };
}

/** "contact.phone" → ['contact', 'phone'] */
const fieldPath = (f: string) => (f.includes('.') ? f.split('.') : f);

export function RegisterPage() {
  const { t, i18n } = useTranslation('patients');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const show = useDisplay();
  const [form] = Form.useForm<Values>();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [busy, setBusy] = useState(false);
  const [filled, setFilled] = useState(false);
  const [dup, setDup] = useState<{ kind: 'duplicate-id' | 'possible-duplicate'; existing: Resource[] } | null>(null);
  const [done, setDone] = useState<{ id: string; name: string; mrn?: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const text = (p: Problem) => t(`errors.${p.code}`, p.params ?? {});
  /** a rule that reports the shared checks' problems of one field */
  const rule = (field: string): Rule => ({
    validator: async () => {
      const r = checkRegistration(toInput(form.getFieldsValue(true) as Values), lang);
      const mine = r.ok ? [] : r.problems.filter((p) => p.field === field);
      if (mine.length) throw new Error(text(mine[0]));
    },
  });

  const docOptions = useMemo(() => IDENTITY_DOCUMENTS.map((d) => ({ value: d.code, label: lang === 'en' ? d.en : d.zh })), [lang]);
  const relOptions = Object.keys(RELATIONSHIPS).map((code) => ({ value: code, label: t(`relationships.${code}`) }));

  const onValuesChange = (changed: Partial<Values>, all: Values) => {
    setDup(null);
    setFormError(null);
    if (!('idNumber' in changed || 'idType' in changed)) return;
    const doc = all.idType ? identityDocument(all.idType) : undefined;
    if (!doc?.encodesBirthAndSex || !all.idNumber) return setFilled(false);
    const r = checkDocumentNumber(doc, all.idNumber);
    if (r.ok && r.birthDate && r.sex) {
      form.setFieldsValue({ birthDate: dayjs(r.birthDate), sex: r.sex });
      setFilled(true);
      void form.validateFields(['birthDate', 'sex']).catch(() => undefined);
    } else setFilled(false);
  };

  const send = async (confirmDuplicate: boolean) => {
    setFormError(null);
    try {
      await form.validateFields();
    } catch {
      void message.error(t('register.fixErrors'));
      return;
    }
    setBusy(true);
    try {
      const p = await registerPatient({ ...toInput(form.getFieldsValue(true) as Values), ...(confirmDuplicate ? { confirmDuplicate: true } : {}) }, i18n.language);
      const facts = patientFacts(p);
      setDup(null);
      setDone({ id: facts.id, name: facts.name, mrn: (p.identifier as { system?: string; value?: string }[] | undefined)?.find((i) => i.system === MRN_SYSTEM)?.value });
    } catch (e) {
      const d = duplicateOf(e);
      if (d) setDup(d);
      else if (e instanceof ApiError && e.status === 400 && e.issues.some((i) => i.expression?.length)) {
        const byField = e.fieldErrors();
        form.setFields(byField.map((f) => ({ name: fieldPath(String(f.name)) as never, errors: f.errors })));
        void message.error(t('register.fixErrors'));
      } else setFormError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    form.resetFields();
    setDone(null);
    setDup(null);
    setFilled(false);
  };

  if (done) {
    return (
      <Card>
        <Result
          status="success" title={t('register.done')} subTitle={<span data-testid="registered">{t('register.doneSubtitle', { name: done.name, mrn: done.mrn ?? '—' })}</span>}
          extra={[
            <Button type="primary" key="chart" onClick={() => navigate(`/patients/${encodeURIComponent(done.id)}`)} data-testid="open-chart">{t('register.openChart')}</Button>,
            <Button key="again" onClick={again}>{t('register.another')}</Button>,
          ]}
        />
      </Card>
    );
  }

  const required = true;
  return (
    <Card title={t('register.title')} extra={<Link to="/patients">{t('register.back')}</Link>}>
      <Typography.Paragraph type="secondary">{t('register.subtitle')}</Typography.Paragraph>
      {dup && (
        <Alert
          type="warning" showIcon data-testid="duplicate-warning" style={{ marginBottom: 16 }}
          title={dup.kind === 'duplicate-id' ? t('register.duplicateId') : t('register.possibleDuplicate')}
          description={
            <Space orientation="vertical" size={4}>
              {dup.kind === 'possible-duplicate' && <span>{t('register.duplicateHint')}</span>}
              {dup.existing.map(patientFacts).map((p) => (
                <Space key={p.id} wrap size={8}>
                  <Typography.Text strong>{p.name}</Typography.Text>
                  <span>{[show.sex(p.sex), p.birthDate, p.mrn && `${t('columns.mrn')} ${p.mrn}`, p.phone].filter(Boolean).join(' · ')}</span>
                  <Button size="small" type="primary" onClick={() => navigate(`/patients/${encodeURIComponent(p.id)}`)} data-testid="open-existing">{t('register.openExisting')}</Button>
                </Space>
              ))}
              {dup.kind === 'possible-duplicate' && (
                <Button size="small" danger onClick={() => send(true)} loading={busy} data-testid="register-anyway">{t('register.registerAnyway')}</Button>
              )}
            </Space>
          }
        />
      )}
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form} name="register" layout="vertical" initialValues={{ idType: 'resident-id' }} onValuesChange={onValuesChange}
        onFinish={() => send(false)} scrollToFirstError validateTrigger={['onBlur', 'onChange']}
      >
        <Divider titlePlacement="start" plain>{t('register.identity')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="name" label={t('register.name')} required={required} rules={[rule('name')]} validateFirst>
              <Input placeholder={t('register.namePlaceholder')} maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="idType" label={t('register.idType')} required={required} rules={[rule('idType')]}>
              <Select options={docOptions} data-testid="id-type" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item noStyle dependencies={['idType']}>
              {() => {
                const doc = identityDocument(form.getFieldValue('idType') as string);
                return (
                  <Form.Item name="idNumber" label={t('register.idNumber')} required={required} rules={[rule('idNumber')]} dependencies={['idType']} extra={doc ? doc.hint[lang] : undefined}>
                    <Input maxLength={40} autoComplete="off" />
                  </Form.Item>
                );
              }}
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="sex" label={t('register.sex')} required={required} rules={[rule('sex')]} dependencies={['idNumber', 'idType']}>
              <Radio.Group optionType="button" options={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="birthDate" label={t('register.birthDate')} required={required} rules={[rule('birthDate')]} dependencies={['idNumber', 'idType']}
              extra={filled ? <Typography.Text type="success" data-testid="filled-from-id">{t('register.fromId')}</Typography.Text> : undefined}>
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>{t('register.contactInfo')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="phone" label={t('register.phone')} required={required} rules={[rule('phone')]}>
              <Input placeholder={t('register.phonePlaceholder')} maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={16}>
            <Form.Item name="address" label={t('register.address')} rules={[rule('address')]}>
              <Input placeholder={t('register.addressPlaceholder')} maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>{t('register.emergency')}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name={['contact', 'name']} label={t('register.contactName')} rules={[rule('contact.name')]} dependencies={[['contact', 'phone'], ['contact', 'relationship']]}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['contact', 'relationship']} label={t('register.relationship')} rules={[rule('contact.relationship')]}>
              <Select allowClear options={relOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['contact', 'phone']} label={t('register.contactPhone')} rules={[rule('contact.phone')]}>
              <Input maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="register-submit">{t('register.submit')}</Button>
          <Button onClick={again}>{t('register.reset')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
