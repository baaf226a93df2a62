// First sign-in of an account that must use TOTP: a new secret (QR code, the key as text, the otpauth link)
// and a code to confirm it. The enrol-only session is then replaced by a full one.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Form, Input, QRCode, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';
import { useAuth } from './auth';

export function TotpEnrolment() {
  const { t } = useTranslation();
  const auth = useAuth();
  const [form] = Form.useForm<{ code: string }>();
  const [secret, setSecret] = useState<{ secret: string; uri: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = useCallback(async () => {
    setError(null);
    setSecret(null);
    try {
      setSecret(await auth.startEnrolment());
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, [auth]);

  useEffect(() => {
    void start();
  }, [start]);

  const confirm = async ({ code }: { code: string }) => {
    setBusy(true);
    try {
      await auth.confirmEnrolment(code);
    } catch (e) {
      const msg = e instanceof ApiError ? e.message : String(e);
      form.setFields([{ name: 'code', value: '', errors: [msg] }]);
      if (e instanceof ApiError && e.code === 'totp_not_pending') void start();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="totp-enrolment">
      <Typography.Title level={4}>{t('enrol.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('enrol.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} action={<Button size="small" onClick={() => void start()}>{t('common.retry')}</Button>} />}
      {!secret && !error && <Spin />}
      {secret && (
        <>
          <Typography.Paragraph>{t('enrol.step1')}</Typography.Paragraph>
          <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap', marginBottom: 12 }}>
            <QRCode value={secret.uri} size={148} bordered />
            <div style={{ flex: '1 1 160px', minWidth: 0 }}>
              <Typography.Text type="secondary">{t('enrol.secret')}</Typography.Text>
              <Typography.Paragraph copyable={{ text: secret.secret }} data-testid="totp-secret" data-secret={secret.secret}
                style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 15, letterSpacing: 0.5 }}>
                {secret.secret.match(/.{1,4}/g)?.join(' ')}
              </Typography.Paragraph>
              <Typography.Text type="secondary">{t('enrol.uri')}</Typography.Text>
              <Typography.Paragraph copyable={{ text: secret.uri }} ellipsis={{ rows: 2, tooltip: secret.uri }} style={{ fontSize: 12, wordBreak: 'break-all' }}>
                {secret.uri}
              </Typography.Paragraph>
            </div>
          </div>
          <Typography.Paragraph>{t('enrol.step2')}</Typography.Paragraph>
          <Form form={form} layout="vertical" requiredMark={false} onFinish={confirm} name="totp-enrol">
            <Form.Item name="code" label={t('enrol.code')} rules={[{ required: true, message: t('login.totpRequired') }, { pattern: /^\s*\d{6}\s*$/, message: t('login.totpFormat') }]}>
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} size="large" autoFocus />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy}>{t('enrol.submit')}</Button>
              <Button onClick={() => void start()}>{t('enrol.restart')}</Button>
              <Button type="link" onClick={() => void auth.logout()}>{t('shell.logout')}</Button>
            </Space>
          </Form>
        </>
      )}
    </div>
  );
}
