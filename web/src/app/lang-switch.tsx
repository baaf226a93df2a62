// The language switch (中文 / English), shown in the header and on the login page.
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLang, setLang, type Lang } from './i18n';

export function LangSwitch({ size }: { size?: 'small' | 'middle' }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : currentLang();
  return (
    <Segmented<Lang>
      size={size ?? 'small'}
      aria-label={t('shell.language')}
      data-testid="lang-switch"
      value={lang}
      onChange={(v) => void setLang(v)}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}
