// The sign-in page: username and password, then the authenticator code when the account has TOTP, or the
// TOTP enrolment when an administrator signs in for the first time.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { ApiError } from './api';
import { useAuth, type Credentials } from './auth';
import { LangSwitch } from './lang-switch';
import { TotpEnrolment } from './totp-enrolment';
import { Logo } from './logo';
import { Loading } from './states';
import './login-page.css';

/** Only same-site paths (no //host, no scheme) are followed after login. */
export function safeReturnTo(v: string | null): string {
  return v && /^\/(?!\/)[^\s\\]*$/.test(v) && !v.startsWith('/login') ? v : '/';
}

/** Paths the server answers itself (e.g. /oauth/authorize of a SMART app launch): left with a full page load. */
const SERVER_PATH = /^\/(fhir|api|auth|oauth|admin|\.well-known)(\/|\?|$)/;

function ReturnTo({ to }: { to: string }) {
  const server = SERVER_PATH.test(to);
  useEffect(() => {
    if (server) location.assign(to);
  }, [server, to]);
  return server ? <Loading /> : <Navigate to={to} replace />;
}

export function LoginPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Credentials>();
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (auth.status === 'ready') return <ReturnTo to={safeReturnTo(params.get('returnTo'))} />;

  const submit = async (v: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      await auth.login(v);
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      const msg = err?.message ?? t('login.failed');
      if (err?.code === 'totp_required') {
        setNeedTotp(true);
        form.setFields([{ name: 'totp', errors: [t('login.totpRequired')] }]);
      } else if (err?.code === 'invalid_totp') {
        form.setFields([{ name: 'totp', value: '', errors: [msg] }]);
      } else if (err?.code === 'invalid_credentials') {
        form.setFields([{ name: 'password', value: '', errors: [msg] }]);
        setError(msg);
      } else {
        setError(msg);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="hy-login">
      <div className="hy-login-lang"><LangSwitch /></div>
      <Card className="hy-login-card" variant="borderless">
        <div className="hy-login-brand">
          <Logo size={40} />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>{t('app.fullName')}</Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </div>
        </div>
        {auth.status === 'enrol' ? (
          <TotpEnrolment />
        ) : (
          <>
            <Typography.Title level={4}>{t('login.title')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
            {error && <Alert data-testid="login-error" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={auth.status === 'loading'} name="login">
              <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
                <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
              </Form.Item>
              <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
              </Form.Item>
              {needTotp && (
                <Form.Item
                  name="totp"
                  label={t('login.totp')}
                  extra={t('login.totpHint')}
                  rules={[{ required: true, message: t('login.totpRequired') }, { pattern: /^\s*\d{6}\s*$/, message: t('login.totpFormat') }]}
                >
                  <Input prefix={<SafetyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} size="large" autoFocus />
                </Form.Item>
              )}
              <Button type="primary" htmlType="submit" block size="large" loading={busy}>{t('login.submit')}</Button>
            </Form>
            {/* patients register themselves (the portal module's public page) */}
            <div style={{ textAlign: 'center', marginTop: 16 }}>
              <Link to="/register" data-testid="register-link">{t('portal.loginLink', { defaultValue: '注册 / Register' })}</Link>
            </div>
          </>
        )}
      </Card>
    </div>
  );
}
