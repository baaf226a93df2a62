// The one time a generated password is shown: copy it now, it is not stored in readable form.
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function PasswordResult({ username, password }: { username: string; password: string }) {
  const { t } = useTranslation('admin');
  return (
    <div data-testid="password-result">
      <Typography.Paragraph>{t('users.passwordFor', { username })}</Typography.Paragraph>
      <Typography.Paragraph copyable code style={{ fontSize: 18 }}>{password}</Typography.Paragraph>
      <Alert type="warning" showIcon title={t('users.passwordOnce')} />
    </div>
  );
}
