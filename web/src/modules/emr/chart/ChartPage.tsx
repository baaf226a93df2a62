// /patients/:id — the patient chart: the banner, then tabs (summary, encounters, problems, allergies, medications,
// vital signs, results, documents, orders). The open tab is kept in the URL (?tab=vitals).
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../../app/api';
import type { Resource } from '../../../app/fhir-types';
import { useLoad } from '../../../app/use-load';
import { LoadError, Loading } from '../../../app/states';
import { loadContext } from './data';
import { Banner } from './Banner';
import { SummaryTab } from './tabs/SummaryTab';
import { EncountersTab } from './tabs/EncountersTab';
import { ProblemsTab } from './tabs/ProblemsTab';
import { AllergiesTab } from './tabs/AllergiesTab';
import { MedicationsTab } from './tabs/MedicationsTab';
import { VitalsTab } from './tabs/VitalsTab';
import { ResultsTab } from './tabs/ResultsTab';
import { isActive } from '../encounters/util';
import NotesTab from '../notes/NotesTab';
import OrdersTab from '../orders/OrdersTab';

const TABS = ['summary', 'encounters', 'problems', 'allergies', 'medications', 'vitals', 'results', 'documents', 'orders'] as const;

export function ChartPage() {
  const { t } = useTranslation('chart');
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as string) : 'summary';
  const go = (key: string) => setParams((p) => {
    const next = new URLSearchParams(p);
    if (key === 'summary') next.delete('tab');
    else next.set('tab', key);
    return next;
  }, { replace: true });

  const patient = useLoad((s) => api.fhir.read<Resource>('Patient', id, { signal: s }), [id]);
  const ctx = useLoad((s) => loadContext(id, s), [id]);

  if (patient.loading && !patient.data) return <Loading />;
  if (patient.error) {
    const notFound = patient.error instanceof ApiError && (patient.error.status === 404 || patient.error.status === 410);
    return <LoadError error={patient.error} title={notFound ? t('notFound') : undefined} onRetry={notFound ? undefined : patient.reload} />;
  }
  if (!patient.data) return null;
  if (ctx.error && !ctx.data) return <LoadError error={ctx.error} onRetry={ctx.reload} />;
  if (!ctx.data) return <Loading />;

  const p = patient.data;
  const c = ctx.data;
  const current = c.encounters.find(isActive);
  const encounterId = current?.id;
  const reload = () => ctx.reload();

  return (
    <div data-testid="chart-page" data-patient={id}>
      <Banner patient={p} ctx={c} onChanged={reload} />
      <Tabs
        className="hy-chart-tabs"
        activeKey={tab}
        onChange={go}
        data-testid="chart-tabs"
        items={[
          { key: 'summary', label: t('tabs.summary'), children: <SummaryTab patient={p} ctx={c} go={go} onChanged={reload} /> },
          { key: 'encounters', label: t('tabs.encounters'), children: <EncountersTab encounters={c.encounters} locations={c.locations} onChanged={reload} /> },
          { key: 'problems', label: t('tabs.problems'), children: <ProblemsTab patientId={id} /> },
          { key: 'allergies', label: `${t('tabs.allergies')}${c.allergies.length ? ` (${c.allergies.length})` : ''}`, children: <AllergiesTab allergies={c.allergies} /> },
          { key: 'medications', label: t('tabs.medications'), children: <MedicationsTab patientId={id} /> },
          { key: 'vitals', label: t('tabs.vitals'), children: <VitalsTab patient={p} /> },
          { key: 'results', label: t('tabs.results'), children: <ResultsTab patientId={id} /> },
          { key: 'documents', label: t('tabs.documents'), children: <NotesTab patientId={id} {...(encounterId ? { encounterId } : {})} /> },
          { key: 'orders', label: t('tabs.orders'), children: <OrdersTab patientId={id} {...(encounterId ? { encounterId } : {})} /> },
        ]}
      />
    </div>
  );
}
