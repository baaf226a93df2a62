// Every encounter of the patient, newest first: type, status, period, department, place, doctor, reason, and
// what can be done with the ones still going on.
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../../../../app/fhir-types';
import { EmptyState } from '../../../../app/states';
import { conceptText, formatPeriod, useLang, type CodeableConcept, type Lang, type Period, type Reference } from '../display';
import { EncounterActions } from '../../encounters/EncounterActions';
import { ClassTag, StatusTag, locationOf, placeName } from '../../encounters/util';

export function departmentOf(e: Resource, lang: Lang): string {
  const st = e.serviceType as CodeableConcept | undefined;
  return (st ? conceptText(st, lang) : '') || ((e.serviceProvider as Reference | undefined)?.display ?? '');
}

export function doctorOf(e: Resource): string {
  return ((e.participant as { individual?: Reference }[] | undefined) ?? []).map((p) => p.individual?.display).filter(Boolean).join('、');
}

export function placeOf(e: Resource, locations: ReadonlyMap<string, Resource>, lang: Lang = 'zh-CN'): string {
  const active = e.status !== 'finished' && e.status !== 'cancelled';
  const ward = placeName(locationOf(e, 'wa', active), locations, lang);
  const bed = placeName(locationOf(e, 'bd', active), locations, lang);
  const room = placeName(locationOf(e, 'ro', active), locations, lang);
  if (bed) return [ward, bed].filter(Boolean).join(lang === 'en' ? ', ' : ' ');
  return ward ?? room ?? placeName(((e.location as { location?: Reference }[] | undefined) ?? [])[0], locations, lang) ?? '';
}

export function EncountersTab({ encounters, locations, onChanged }: { encounters: Resource[]; locations: ReadonlyMap<string, Resource>; onChanged: () => void }) {
  const { t } = useTranslation('encounters');
  const tc = useTranslation('chart').t;
  const lang = useLang();
  if (!encounters.length) return <EmptyState description={tc('encounters.empty')} />;
  return (
    <Table
      size="small"
      rowKey={(e) => e.id as string}
      dataSource={encounters}
      pagination={encounters.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
      scroll={{ x: 980 }}
      data-testid="encounters-table"
      columns={[
        { title: t('columns.type'), width: 70, render: (_, e) => <ClassTag encounter={e} /> },
        { title: t('columns.status'), width: 96, render: (_, e) => <StatusTag encounter={e} /> },
        { title: t('columns.period'), width: 230, render: (_, e) => formatPeriod(e.period as Period | undefined) },
        { title: t('columns.department'), width: 130, render: (_, e) => departmentOf(e, lang) },
        { title: t('columns.location'), width: 170, render: (_, e) => placeOf(e, locations, lang) },
        { title: t('columns.doctor'), width: 90, render: (_, e) => doctorOf(e) },
        {
          title: t('columns.reason'),
          render: (_, e) => {
            const reason = ((e.reasonCode as CodeableConcept[] | undefined) ?? []).map((c) => conceptText(c, lang)).join('、');
            const disp = (e.hospitalization as { dischargeDisposition?: CodeableConcept } | undefined)?.dischargeDisposition;
            return disp ? `${reason}${reason ? ' · ' : ''}${tc('encounters.disposition')}: ${conceptText(disp, lang)}` : reason;
          },
        },
        { title: t('columns.actions'), width: 250, render: (_, e) => <EncounterActions encounter={e} onChanged={onChanged} /> },
      ]}
    />
  );
}
