// Form pieces of the triage pages, sized for a tablet: vital-sign fields, flag chips, the resources stepper.
import { Button, InputNumber, Switch, Tag, Tooltip, Typography } from 'antd';
import { MinusOutlined, PlusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Catalogue, Vitals } from './api';
import { flagText, useEn } from './display';

type NumKey = Exclude<keyof Vitals, 'onOxygen'>;
interface FieldDef {
  key: NumKey;
  unit: string;
  min: number;
  max: number;
  step: number;
  precision?: number;
}

export const MAIN_VITALS: FieldDef[] = [
  { key: 'heartRate', unit: '/min', min: 0, max: 350, step: 1 },
  { key: 'systolicBP', unit: 'mmHg', min: 0, max: 350, step: 1 },
  { key: 'respiratoryRate', unit: '/min', min: 0, max: 150, step: 1 },
  { key: 'spo2', unit: '%', min: 0, max: 100, step: 1 },
  { key: 'temperature', unit: '°C', min: 25, max: 45, step: 0.1, precision: 1 },
  { key: 'painScore', unit: '/10', min: 0, max: 10, step: 1, precision: 0 },
];
export const MORE_VITALS: FieldDef[] = [
  { key: 'gcs', unit: '/15', min: 3, max: 15, step: 1, precision: 0 },
  { key: 'glucose', unit: 'mmol/L', min: 0, max: 60, step: 0.1, precision: 2 },
  { key: 'potassium', unit: 'mmol/L', min: 0, max: 15, step: 0.1, precision: 1 },
  { key: 'usualSystolicBP', unit: 'mmHg', min: 40, max: 300, step: 1 },
];

export function VitalFields({ value, onChange, fields, idPrefix }: { value: Vitals; onChange(v: Vitals): void; fields: FieldDef[]; idPrefix: string }) {
  const { t } = useTranslation('triage');
  return (
    <div className="hy-triage-grid">
      {fields.map((f) => (
        <label key={f.key} className="hy-triage-field" htmlFor={`${idPrefix}-${f.key}`}>
          <span className="hy-triage-label">{t(`form.${f.key}`)}</span>
          <InputNumber
            id={`${idPrefix}-${f.key}`}
            size="large"
            inputMode="decimal"
            style={{ width: '100%' }}
            min={f.min}
            max={f.max}
            step={f.step}
            {...(f.precision !== undefined ? { precision: f.precision } : {})}
            suffix={<span className="hy-triage-unit">{f.unit}</span>}
            value={value[f.key] ?? null}
            onChange={(x) => {
              const next = { ...value };
              if (typeof x === 'number') next[f.key] = x;
              else delete next[f.key];
              onChange(next);
            }}
          />
        </label>
      ))}
    </div>
  );
}

export function OxygenSwitch({ value, onChange }: { value: Vitals; onChange(v: Vitals): void }) {
  const { t } = useTranslation('triage');
  return (
    <label className="hy-triage-inline">
      <Switch checked={!!value.onOxygen} onChange={(on) => onChange({ ...value, onOxygen: on })} data-testid="on-oxygen" />
      <span>{t('form.onOxygen')}</span>
    </label>
  );
}

/** Every flag as a chip: selected ones filled; ones the complaint suggests (and the nurse has not decided) dashed. */
export function FlagChips({ catalogue, selected, suggested, onToggle }: { catalogue: Catalogue | undefined; selected: string[]; suggested: string[]; onToggle(flag: string): void }) {
  const { t } = useTranslation('triage');
  const en = useEn();
  return (
    <div className="hy-triage-chips" data-testid="flag-chips">
      {(catalogue?.flags ?? []).map((f) => {
        const on = selected.includes(f.code);
        const hinted = suggested.includes(f.code);
        return (
          <Tag.CheckableTag
            key={f.code}
            checked={on}
            onChange={() => onToggle(f.code)}
            className={`hy-triage-chip${hinted && !on ? ' hy-triage-chip-hint' : ''}`}
            data-testid={`flag-${f.code}`}
            data-checked={on}
          >
            {flagText(catalogue, f.code, en)}
            {hinted && <span className="hy-triage-chip-note"> · {t('form.suggested')}</span>}
          </Tag.CheckableTag>
        );
      })}
    </div>
  );
}

/** − n + ; undefined = not assessed (the server then counts ≥ 2). */
export function ResourcesStepper({ value, onChange }: { value: number | undefined; onChange(v: number | undefined): void }) {
  const { t } = useTranslation('triage');
  return (
    <div className="hy-triage-stepper" data-testid="resources">
      <Button size="large" icon={<MinusOutlined />} aria-label="-" disabled={value === undefined} onClick={() => onChange(value === undefined || value <= 0 ? undefined : value - 1)} />
      <span className="hy-triage-stepper-value" data-testid="resources-value">{value ?? '—'}</span>
      <Button size="large" icon={<PlusOutlined />} aria-label="+" disabled={value !== undefined && value >= 10} onClick={() => onChange(value === undefined ? 0 : value + 1)} />
      <Typography.Text type="secondary">
        {value === undefined ? t('form.resourcesUnknown') : null}
        <Tooltip title={t('form.resourcesHelp')}><QuestionCircleOutlined style={{ marginInlineStart: 8 }} /></Tooltip>
      </Typography.Text>
    </div>
  );
}
