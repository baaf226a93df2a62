// Find an already registered patient (GET /api/emr/patients): name, pinyin, record number, ID or phone. Used by
// every page that acts for a patient (booking, triage …); the caller's access policy decides who can be found.
import { useEffect, useRef, useState } from 'react';
import { Select, Typography } from 'antd';
import { searchPatients, type PatientSummary } from './api';

export interface PickedPatient {
  id: string;
  name: string;
  /** age in years, when the record has a birth date */
  ageYears?: number;
}

const years = (p: PatientSummary) => !p.age ? undefined : p.age.unit === 'year' ? p.age.value : p.age.unit === 'month' ? p.age.value / 12 : p.age.value / 365;

export interface PatientPickerProps {
  value?: PickedPatient;
  onChange(p: PickedPatient | undefined): void;
  placeholder: string;
  size?: 'middle' | 'large';
  testId?: string;
  maxWidth?: number;
}

export function PatientPicker({ value, onChange, placeholder, size, testId = 'patient-picker', maxWidth }: PatientPickerProps) {
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
      size={size}
      data-testid={testId}
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      style={{ width: '100%', ...(maxWidth ? { maxWidth } : {}) }}
      placeholder={placeholder}
      loading={loading}
      value={value?.id}
      onOpenChange={(open) => { if (open && !items.length) search(''); }}
      onChange={(id: string | undefined) => {
        const p = items.find((x) => x.id === id);
        const age = p ? years(p) : undefined;
        onChange(p ? { id: p.id, name: p.name || p.id, ...(age !== undefined ? { ageYears: age } : {}) } : undefined);
      }}
      notFoundContent={error ? <Typography.Text type="danger">{error}</Typography.Text> : undefined}
      options={[
        ...(value && !items.some((x) => x.id === value.id) ? [{ value: value.id, label: value.name }] : []),
        ...items.map((p) => ({ value: p.id, label: [p.name || p.id, p.mrn].filter(Boolean).join(' · ') })),
      ]}
    />
  );
}
