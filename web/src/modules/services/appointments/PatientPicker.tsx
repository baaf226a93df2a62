// Find a patient to book for: a search box over /api/emr/patients (name, pinyin, record number, ID, phone).
import { useEffect, useRef, useState } from 'react';
import { Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { searchPatients, type PatientSummary } from '../../emr/patients/api';

export interface PickedPatient {
  id: string;
  name: string;
}

export function PatientPicker({ value, onChange, allowClear }: { value?: PickedPatient; onChange(p: PickedPatient | undefined): void; allowClear?: boolean }) {
  const { t } = useTranslation('appointments');
  const [items, setItems] = useState<PatientSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const ctl = useRef<AbortController>(undefined);
  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      ctl.current?.abort();
      const c = new AbortController();
      ctl.current = c;
      setLoading(true);
      searchPatients(q, { count: 20, signal: c.signal }).then(
        (page) => { setItems(page.items); setError(undefined); setLoading(false); },
        (e: unknown) => { if ((e as Error).name !== 'AbortError') { setItems([]); setError((e as Error).message); setLoading(false); } },
      );
    }, 250);
  };
  useEffect(() => () => { clearTimeout(timer.current); ctl.current?.abort(); }, []);
  return (
    <Select
      data-testid="patient-picker"
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear={allowClear}
      style={{ width: '100%', maxWidth: 420 }}
      placeholder={t('book.patientPlaceholder')}
      loading={loading}
      value={value?.id}
      onOpenChange={(open) => { if (open && !items.length) search(''); }}
      onChange={(id: string | undefined) => {
        const p = items.find((x) => x.id === id);
        onChange(p ? { id: p.id, name: p.name || p.id } : undefined);
      }}
      notFoundContent={error ? <Typography.Text type="danger">{error}</Typography.Text> : undefined}
      options={[
        ...(value && !items.some((x) => x.id === value.id) ? [{ value: value.id, label: value.name }] : []),
        ...items.map((p) => ({ value: p.id, label: [p.name || p.id, p.mrn].filter(Boolean).join(' · ') })),
      ]}
    />
  );
}
