// Shared display of the triage pages: the level badge in its zone colour, the catalogue (levels, rules, flags in
// zh and en, from the server's tables) and how codes read in the user's language.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { triageApi, type Algorithm, type Catalogue, type Zone } from './api';

export const ZONE_COLORS: Record<Zone, { solid: string; text: string; soft: string; border: string }> = {
  red: { solid: '#cf1322', text: '#ffffff', soft: '#fff1f0', border: '#ffa39e' },
  yellow: { solid: '#fadb14', text: '#613400', soft: '#feffe6', border: '#fffb8f' },
  green: { solid: '#389e0d', text: '#ffffff', soft: '#f6ffed', border: '#b7eb8f' },
};

let cached: Promise<Catalogue> | undefined;
/** The catalogue, loaded once per page load (it changes only with a server upgrade). */
export function useCatalogue(): { catalogue: Catalogue | undefined; error: unknown } {
  const [state, setState] = useState<{ catalogue: Catalogue | undefined; error: unknown }>({ catalogue: undefined, error: undefined });
  useEffect(() => {
    let live = true;
    cached ??= triageApi.catalogue();
    cached.then((c) => live && setState({ catalogue: c, error: undefined }), (e: unknown) => {
      cached = undefined;
      if (live) setState({ catalogue: undefined, error: e });
    });
    return () => { live = false; };
  }, []);
  return state;
}

export function useEn(): boolean {
  const { i18n } = useTranslation();
  return i18n.language === 'en';
}

export function levelOf(c: Catalogue | undefined, algorithm: Algorithm | undefined, level: number | undefined) {
  return c?.algorithms.find((a) => a.code === algorithm)?.levels.find((l) => l.level === level);
}

/** "Ⅱ级" / "Level Ⅱ" (consensus) or "ESI 2". */
export function useLevelText() {
  const { t } = useTranslation('triage');
  return (algorithm: Algorithm | undefined, label: string | number | undefined) =>
    label === undefined ? t('board.untriaged') : algorithm === 'esi4' ? `ESI ${label}` : t('levelShort', { label });
}

export function ruleText(c: Catalogue | undefined, code: string, en: boolean): string {
  for (const a of c?.algorithms ?? []) {
    const r = a.rules.find((x) => x.code === code);
    if (r) return en ? r.en : r.zh;
  }
  return code;
}

export function flagText(c: Catalogue | undefined, code: string, en: boolean): string {
  const f = c?.flags.find((x) => x.code === code);
  return f ? (en ? f.en : f.zh) : code;
}

export function LevelBadge({ zone, text, size = 'normal', testId }: { zone?: Zone; text: string; size?: 'normal' | 'medium' | 'large'; testId?: string }) {
  const c = zone ? ZONE_COLORS[zone] : { solid: '#8c8c8c', text: '#fff' };
  const large = size === 'large';
  const medium = size === 'medium';
  return (
    <span
      data-testid={testId}
      data-zone={zone}
      style={{
        display: 'inline-block', minWidth: large ? 96 : medium ? 72 : 56, textAlign: 'center', padding: large ? '8px 16px' : medium ? '4px 12px' : '2px 10px',
        borderRadius: 8, background: c.solid, color: c.text, fontWeight: 700, whiteSpace: 'nowrap', fontSize: large ? 28 : medium ? 20 : 15, lineHeight: 1.3,
      }}
    >
      {text}
    </span>
  );
}

/** Age from a FHIR birth date (a year, a month or a day) at `now`, in whole years (months under two). */
export function ageText(birthDate: string | undefined, age: number | undefined, en: boolean): string {
  let years = age;
  if (years === undefined && birthDate) {
    const born = new Date(birthDate.length === 4 ? `${birthDate}-07-01` : birthDate.length === 7 ? `${birthDate}-15` : birthDate);
    years = (Date.now() - born.getTime()) / (365.25 * 86_400_000);
  }
  if (years === undefined || !Number.isFinite(years)) return '';
  if (years < 2) {
    const months = Math.max(0, Math.floor(years * 12));
    return en ? `${months} mo` : `${months}月`;
  }
  return en ? `${Math.floor(years)} y` : `${Math.floor(years)}岁`;
}
