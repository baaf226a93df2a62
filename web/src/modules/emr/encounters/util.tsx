// Small pieces shared by the encounter pages and the chart: status tags, class, bed/ward of a stay, sex and age.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../../../app/fhir-types';
import { age, placeLabel, type Coding, type Lang, type Period } from '../chart/display';
import type { EncounterStatus } from './api';

export const PT = 'http://terminology.hl7.org/CodeSystem/location-physical-type';

export interface LocationEntry {
  location?: { reference?: string; display?: string };
  status?: string;
  physicalType?: { coding?: Coding[] };
  period?: Period;
}

export const classOf = (e: Resource | undefined): string | undefined => (e?.class as Coding | undefined)?.code;
export const statusOf = (e: Resource | undefined): EncounterStatus => (e?.status as EncounterStatus) ?? 'unknown';
export const isActive = (e: Resource | undefined): boolean => ['planned', 'arrived', 'triaged', 'in-progress', 'onleave'].includes(statusOf(e));
export const isCurrentStay = (e: Resource | undefined): boolean => classOf(e) === 'IMP' && ['in-progress', 'onleave'].includes(statusOf(e));

const COLORS: Record<string, string> = {
  planned: 'default', arrived: 'gold', triaged: 'orange', 'in-progress': 'processing', onleave: 'purple', finished: 'success', cancelled: 'default',
  'entered-in-error': 'error', unknown: 'default',
};

/** The status of an encounter as a tag (an inpatient stay reads 在院 / 已出院). */
export function StatusTag({ encounter }: { encounter: Resource }) {
  const { t } = useTranslation('encounters');
  const s = statusOf(encounter);
  const stay = classOf(encounter) === 'IMP' && ['in-progress', 'onleave', 'finished'].includes(s);
  return <Tag color={COLORS[s]} data-testid="encounter-status" data-status={s}>{stay ? t(`stayStatus.${s}`) : t(`status.${s}`)}</Tag>;
}

export function ClassTag({ encounter }: { encounter: Resource }) {
  const { t } = useTranslation('encounters');
  const c = classOf(encounter);
  const color = c === 'IMP' ? 'blue' : c === 'EMER' ? 'red' : 'cyan';
  return <Tag color={color}>{t(`class.${c && ['AMB', 'EMER', 'IMP'].includes(c) ? c : 'other'}`)}</Tag>;
}

function physical(l: LocationEntry): string | undefined {
  return l.physicalType?.coding?.find((c) => c.system === PT || !c.system)?.code;
}

/** The current (active) location entry of a type (bd, ro, wa), or the last one of that type. */
export function locationOf(e: Resource | undefined, type: 'bd' | 'ro' | 'wa', activeOnly = true): LocationEntry | undefined {
  const list = ((e?.location as LocationEntry[] | undefined) ?? []).filter((l) => physical(l) === type);
  const active = list.filter((l) => l.status !== 'completed' && l.status !== 'planned');
  return active[active.length - 1] ?? (activeOnly ? undefined : list[list.length - 1]);
}

/** A Location's name: from the included Locations, else the reference's display, else its id. */
export function placeName(l: LocationEntry | undefined, locations?: ReadonlyMap<string, Resource>, lang: Lang = 'zh-CN'): string | undefined {
  const ref = l?.location?.reference;
  if (!ref) return undefined;
  const r = locations?.get(ref);
  return (r ? placeLabel(r, lang) : undefined) ?? l?.location?.display ?? ref.replace(/^Location\//, '');
}

export function useSexAge() {
  const { t } = useTranslation('encounters');
  return {
    sex: (p: Resource | undefined) => (p?.gender ? t(`sex.${String(p.gender)}`, { defaultValue: String(p.gender) }) : ''),
    age: (p: Resource | undefined) => {
      const a = age(p?.birthDate as string | undefined);
      if (!a) return '';
      if (a.years >= 1) return t('age.years', { n: a.years });
      if (a.months >= 1) return t('age.months', { n: a.months });
      return t('age.days', { n: a.days });
    },
  };
}
