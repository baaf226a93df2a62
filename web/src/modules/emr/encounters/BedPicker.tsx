// Ward → free bed, as two form fields (used by admission and transfer).
import { useEffect, useState } from 'react';
import { Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormInstance } from 'antd';
import { placeLabel, useLang } from '../chart/display';
import { encountersApi, type BedSlot, type WardSummary } from './api';

export function BedPicker({ form, exclude }: { form: FormInstance; exclude?: string }) {
  const { t } = useTranslation('encounters');
  const lang = useLang();
  const [wards, setWards] = useState<WardSummary[]>();
  const [beds, setBeds] = useState<BedSlot[]>();
  const [loadingBeds, setLoadingBeds] = useState(false);
  const ward = Form.useWatch<string | undefined>('ward', form);

  useEffect(() => {
    const ctl = new AbortController();
    encountersApi.wards(ctl.signal).then((r) => setWards(r.wards), () => setWards([]));
    return () => ctl.abort();
  }, []);

  useEffect(() => {
    setBeds(undefined);
    form.setFieldValue('bed', undefined);
    if (!ward) return;
    const ctl = new AbortController();
    setLoadingBeds(true);
    encountersApi.beds(ward, true, ctl.signal).then(
      (r) => setBeds(r.beds.filter((b) => b.id !== exclude)),
      () => setBeds([]),
    ).finally(() => !ctl.signal.aborted && setLoadingBeds(false));
    return () => ctl.abort();
  }, [ward, exclude, form]);

  return (
    <>
      <Form.Item name="ward" label={t('admit.ward')} rules={[{ required: true, message: t('admit.wardRequired') }]}>
        <Select
          data-testid="ward-select"
          showSearch
          optionFilterProp="label"
          loading={!wards}
          placeholder={t('admit.wardPlaceholder')}
          options={(wards ?? []).map((w) => ({
            value: w.id,
            label: `${placeLabel(w, lang)} · ${t('admit.freeBeds', { free: w.free, beds: w.beds })}`,
            disabled: w.free === 0,
          }))}
        />
      </Form.Item>
      <Form.Item name="bed" label={t('admit.bed')} rules={[{ required: true, message: t('admit.bedRequired') }]}
        extra={ward && beds && !beds.length ? <Typography.Text type="warning">{t('admit.noFreeBed')}</Typography.Text> : undefined}>
        <Select
          data-testid="bed-select"
          showSearch
          optionFilterProp="label"
          disabled={!ward}
          loading={loadingBeds}
          placeholder={t('admit.bedPlaceholder')}
          options={(beds ?? []).map((b) => ({ value: b.id, label: b.room ? `${placeLabel(b, lang)}（${placeLabel(b.room, lang)}）` : placeLabel(b, lang) }))}
        />
      </Form.Item>
    </>
  );
}
