// Admin home: the three parts of the workspace.
import { Card, Col, Row, Typography } from 'antd';
import { ApiOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

const PARTS = [
  { path: '/system/users', key: 'users', icon: <TeamOutlined /> },
  { path: '/system/clients', key: 'clients', icon: <ApiOutlined /> },
  { path: '/system/policies', key: 'policies', icon: <SafetyCertificateOutlined /> },
];

export function AdminHome() {
  const { t } = useTranslation('admin');
  return (
    <div data-testid="admin-home">
      <Typography.Title level={3}>{t('home.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {PARTS.map((p) => (
          <Col xs={24} md={8} key={p.key}>
            <Link to={p.path}>
              <Card hoverable>
                <Card.Meta avatar={<span style={{ fontSize: 28, color: '#1677ff' }}>{p.icon}</span>} title={t(`nav.${p.key}`)} description={t(`home.${p.key}`)} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </div>
  );
}
