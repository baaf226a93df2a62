// Access policies: one per role (what it may read, write and delete, and whose records); pick a role, edit, save.
import { useState } from 'react';
import { Card, Col, Menu, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import type { Resource } from '../../../app/fhir-types';
import { useLoad } from '../../../app/use-load';
import { LoadError, Loading } from '../../../app/states';
import type { AccessPolicy } from './types';
import { PolicyForm } from './policy-form';

interface Capability extends Resource {
  rest?: { resource?: { type: string }[] }[];
}

export function PoliciesPage() {
  const { t } = useTranslation('admin');
  const list = useLoad((signal) => api.get<{ policies: AccessPolicy[] }>('/admin/policies', undefined, { signal }), []);
  const types = useLoad(async (signal) => {
    const cs = await api.fhir.operation<Capability>('metadata').catch(() => null);
    if (signal.aborted) return [];
    return (cs?.rest?.[0]?.resource ?? []).map((r) => r.type).sort();
  }, []);
  const [role, setRole] = useState<string>('doctor');
  const [saved, setSaved] = useState<Record<string, AccessPolicy>>({});

  if (list.error) return <Card title={t('nav.policies')}><LoadError error={list.error} onRetry={list.reload} /></Card>;
  if (list.loading && !list.data) return <Card title={t('nav.policies')}><Loading /></Card>;
  const policies = list.data?.policies ?? [];
  const current = saved[role] ?? policies.find((p) => p.role === role) ?? policies[0];

  return (
    <Card title={t('nav.policies')}>
      <Typography.Paragraph type="secondary">{t('policies.intro')}</Typography.Paragraph>
      <Row gutter={[24, 16]}>
        <Col xs={24} md={6}>
          <Menu
            data-testid="policy-roles"
            mode="inline"
            selectedKeys={current ? [current.role] : []}
            items={policies.map((p) => ({ key: p.role, label: t(`translation:roles.${p.role}`, { defaultValue: p.role }) }))}
            onClick={({ key }) => setRole(key)}
            style={{ borderInlineEnd: 'none' }}
          />
        </Col>
        <Col xs={24} md={18}>
          {current && (
            <>
              <Typography.Title level={4} style={{ marginTop: 0 }}>{t(`translation:roles.${current.role}`, { defaultValue: current.role })}</Typography.Title>
              <PolicyForm policy={current} types={types.data ?? []} onSaved={(p) => setSaved((s) => ({ ...s, [p.role]: p }))} />
            </>
          )}
        </Col>
      </Row>
    </Card>
  );
}
