// 实名注册 (public /register): the patient creates their record and account with an identity document. The form runs
// the registration desk's own checks as they type (the shared registration-input.ts: 身份证 check digit, birth date
// and sex from the number …) and the password rule; what only the server knows (the number already registered, the
// username taken) comes back beside its field, or as a notice sending them to the registration desk. Then it signs
// them in and opens the portal.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { ApiError } from '../../../../app/api';
import { useAuth } from '../../../../app/auth';
import { LangSwitch } from '../../../../app/lang-switch';
import { Logo } from '../../../../app/logo';
import { IDENTITY_DOCUMENTS, identityDocument } from '../../../../../../src/modules/emr/patients/identity-documents';
import { checkRegistration, type RegistrationInput } from '../../../../../../src/modules/emr/patients/registration-input';
import { PROBLEM_TEXT, type Problem } from '../../../../../../src/modules/emr/patients/problem-codes';
import { ONLINE_ID_TYPES, PATIENT_PASSWORD_MIN, patientPasswordProblem, portalProblemText } from '../../../../../../src/modules/services/portal/portal-problems';
import { portal } from '../api';
import '../portal.css';

interface Values {
  name?: string; idType?: string; idNumber?: string; sex?: string; birthDate?: Dayjs | null; phone?: string;
  username?: string; password?: string; confirm?: string;
}

const SEXES = ['male', 'female'] as const;

function toInput(v: Values): RegistrationInput {
  return { name: v.name, idType: v.idType, idNumber: v.idNumber, sex: v.sex, birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : undefined, phone: v.phone };
}

export function RegisterPage() {
  const { t, i18n } = useTranslation('portal');
  const auth = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const idType = Form.useWatch('idType', form) as string | undefined;
  const doc = identityDocument(idType ?? '');
  const derived = !!doc?.encodesBirthAndSex;

  const docOptions = useMemo(() => IDENTITY_DOCUMENTS.filter((d) => ONLINE_ID_TYPES.includes(d.code)).map((d) => ({ value: d.code, label: lang === 'en' ? d.en : d.zh })), [lang]);
  const problemText = (p: Problem) => PROBLEM_TEXT[p.code][lang === 'zh' ? 0 : 1].replace(/\{\{(\w+)\}\}/g, (_, k: string) => p.params?.[k] ?? '');

  /** the desk's checks, field by field; sex and birth date are not asked when the number gives them */
  const rule = (field: string): Rule => ({
    validator: async () => {
      const v = form.getFieldsValue(true) as Values;
      const r = checkRegistration(toInput(v), lang);
      const mine = r.ok ? [] : r.problems.filter((p) => p.field === field && !(derived && (field === 'sex' || field === 'birthDate') && p.code === 'required'));
      if (mine.length) throw new Error(problemText(mine[0]!));
    },
  });
  const passwordRule: Rule = {
    validator: async () => {
      const v = form.getFieldsValue(true) as Values;
      const code = patientPasswordProblem(v.password ?? '', v.username ?? '');
      if (code) throw new Error(portalProblemText(code, lang, { min: String(PATIENT_PASSWORD_MIN) }));
    },
  };

  if (auth.status === 'ready') return <Navigate to={auth.user?.roles.includes('patient') ? '/portal' : '/'} replace />;

  const submit = async () => {
    setNotice(undefined);
    const v = form.getFieldsValue(true) as Values;
    setBusy(true);
    try {
      const body = {
        name: v.name?.trim(), idType: v.idType, idNumber: v.idNumber?.trim(), phone: v.phone?.trim(), username: v.username?.trim(), password: v.password,
        ...(derived ? {} : { sex: v.sex, birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : undefined }),
      };
      await portal.register(body);
      await auth.login({ username: body.username ?? '', password: v.password ?? '' });
      navigate('/portal', { replace: true });
    } catch (e) {
      // problems of the form beside their fields; refusals the form cannot fix (registered already: go to the desk,
      // too many attempts) on top
      if (e instanceof ApiError && e.status === 400 && e.issues.some((i) => i.expression?.some((x) => x !== 'form'))) {
        const byField = e.fieldErrors((x) => (x === 'form' ? undefined : x));
        form.setFields(byField.map((f) => ({ name: f.name as keyof Values, errors: f.errors })));
      } else setNotice((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="hy-portal-register">
      <div className="hy-portal-column">
        <header className="hy-portal-header">
          <h1>{t('register.title')}</h1>
        </header>
        <main className="hy-portal-main">
          <div className="hy-portal-row"><Logo size={32} /><LangSwitch /></div>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{t('register.intro')}</Typography.Paragraph>
          {notice && <Alert type="warning" showIcon title={notice} data-testid="register-notice" />}
          <Card className="hy-portal-card">
            <Form<Values> form={form} name="portal-register" layout="vertical" requiredMark={false} initialValues={{ idType: 'resident-id' }}
              onFinish={submit} onValuesChange={() => setNotice(undefined)} scrollToFirstError validateTrigger={['onBlur']} disabled={busy}>
              <Form.Item name="name" label={t('register.name')} rules={[rule('name')]}>
                <Input size="large" placeholder={t('register.namePlaceholder')} maxLength={50} autoComplete="name" />
              </Form.Item>
              <Form.Item name="idType" label={t('register.idType')} rules={[rule('idType')]}>
                <Select size="large" options={docOptions} data-testid="register-id-type" />
              </Form.Item>
              <Form.Item name="idNumber" label={t('register.idNumber')} rules={[rule('idNumber')]} dependencies={['idType']} extra={doc ? doc.hint[lang] : undefined}>
                <Input size="large" maxLength={40} autoComplete="off" />
              </Form.Item>
              {!derived && (
                <>
                  <Form.Item name="sex" label={t('register.sex')} rules={[rule('sex')]}>
                    <Radio.Group size="large" optionType="button" options={SEXES.map((s) => ({ value: s, label: t(`register.sexes.${s}`) }))} />
                  </Form.Item>
                  <Form.Item name="birthDate" label={t('register.birthDate')} rules={[rule('birthDate')]}>
                    <DatePicker size="large" style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(d) => d.isAfter(dayjs(), 'day')} inputReadOnly />
                  </Form.Item>
                </>
              )}
              <Form.Item name="phone" label={t('register.phone')} rules={[rule('phone')]}>
                <Input size="large" inputMode="tel" maxLength={20} autoComplete="tel" placeholder={t('register.phonePlaceholder')} />
              </Form.Item>
              <Form.Item name="username" label={t('register.username')} extra={t('register.usernameHint')}
                rules={[{ required: true, whitespace: true, message: portalProblemText('username-required', lang) }, { pattern: /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u, message: portalProblemText('username-invalid', lang) }]}>
                <Input size="large" maxLength={64} autoComplete="username" autoCapitalize="none" />
              </Form.Item>
              <Form.Item name="password" label={t('register.password')} extra={t('register.passwordHint', { min: PATIENT_PASSWORD_MIN })} rules={[passwordRule]} dependencies={['username']}>
                <Input.Password size="large" autoComplete="new-password" />
              </Form.Item>
              <Form.Item name="confirm" label={t('register.confirm')} dependencies={['password']}
                rules={[{ validator: async (_, v) => { if (v !== form.getFieldValue('password')) throw new Error(t('register.mismatch')); } }]}>
                <Input.Password size="large" autoComplete="new-password" />
              </Form.Item>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('register.privacy')}</Typography.Paragraph>
              <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="register-submit">{t('register.submit')}</Button>
            </Form>
          </Card>
          <div style={{ textAlign: 'center' }}>
            {t('register.haveAccount')} <Link to="/login?returnTo=%2Fportal" data-testid="to-login">{t('register.signIn')}</Link>
          </div>
        </main>
      </div>
    </div>
  );
}
