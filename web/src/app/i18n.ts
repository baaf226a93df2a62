// i18next setup: zh-CN (default for a Chinese browser) and en, the choice kept in localStorage.
// The shell's strings are in the default namespace; each WebModule's messages become
//  - its own namespace:   useTranslation('patients') → t('search.title')
//  - and a nested key:    useTranslation() → t('patients.search.title')
// so a module may use either form. A NavItem label is looked up in the module's namespace first.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';
import type { WebModule } from './module';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'huiyi.lang';

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en') return saved;
  } catch {
    /* storage unavailable (private mode): fall through */
  }
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function initI18n(modules: readonly WebModule[]): typeof i18n {
  const resources: Record<Lang, Record<string, Record<string, unknown>>> = {
    'zh-CN': { translation: { ...zhCN } },
    en: { translation: { ...en } },
  };
  for (const m of modules) {
    for (const lang of LANGS) {
      const msgs = m.messages[lang] ?? {};
      resources[lang][m.name] = msgs;
      resources[lang].translation![m.name] = msgs;
    }
  }
  const lng = initialLang();
  void i18n.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: lng === 'en' ? 'zh-CN' : 'en',
    supportedLngs: [...LANGS],
    defaultNS: 'translation',
    fallbackNS: 'translation',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
  return i18n;
}

/** Switch the language and remember the choice. */
export async function setLang(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* not persisted */
  }
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export { i18n };
