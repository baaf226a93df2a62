// A ward's bed board: one card per bed (status colour, the patient, admission day, doctor, diagnosis), big enough
// to tap on a tablet; patients on the ward without a bed below.
import { Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import type { Resource } from '../../../app/fhir-types';
import { conceptText, formatDate, mrnOf, personName, placeLabel, useLang, type CodeableConcept, type Period } from '../chart/display';
import type { BedSlot, BedStatus, Stay, WardBoard } from './api';
import { useSexAge } from './util';
import './ward-board.css';

export const BED_COLORS: Record<BedStatus, string> = {
  U: '#52c41a', O: '#1677ff', H: '#faad14', I: '#722ed1', K: '#f5222d', C: '#bfbfbf',
};

function doctorOf(e: Resource): string | undefined {
  const p = (e.participant as { individual?: { display?: string } }[] | undefined) ?? [];
  return p.find((x) => x.individual?.display)?.individual?.display;
}

function reasonOf(e: Resource, lang: 'zh-CN' | 'en'): string | undefined {
  const r = (e.reasonCode as CodeableConcept[] | undefined)?.[0];
  return r ? conceptText(r, lang) : undefined;
}

function StayLines({ stay }: { stay: Stay }) {
  const { t } = useTranslation('encounters');
  const lang = useLang();
  const { sex, age } = useSexAge();
  const start = (stay.encounter.period as Period | undefined)?.start;
  const days = start ? dayjs().startOf('day').diff(dayjs(start).startOf('day'), 'day') + 1 : undefined;
  const reason = reasonOf(stay.encounter, lang);
  const doctor = doctorOf(stay.encounter);
  return (
    <>
      <div className="hy-bed-patient">
        {stay.patient ? (
          <Link to={`/patients/${stay.patient.id}`} data-testid="bed-patient">{personName(stay.patient, lang)}</Link>
        ) : '—'}
        <Typography.Text type="secondary" className="hy-bed-sexage">{[sex(stay.patient), age(stay.patient)].filter(Boolean).join(' · ')}</Typography.Text>
      </div>
      {reason && <Typography.Text ellipsis className="hy-bed-line" title={reason}>{reason}</Typography.Text>}
      <Typography.Text type="secondary" className="hy-bed-line">
        {[start ? t('board.admittedAt', { date: formatDate(start) }) : undefined, days ? t('board.days', { n: days }) : undefined].filter(Boolean).join(' · ')}
      </Typography.Text>
      {doctor && <Typography.Text type="secondary" className="hy-bed-line">{t('board.doctor')}: {doctor}</Typography.Text>}
    </>
  );
}

function BedCard({ bed }: { bed: BedSlot }) {
  const { t } = useTranslation('encounters');
  const lang = useLang();
  const room = placeLabel(bed.room, lang);
  const status: BedStatus = bed.stay ? 'O' : bed.status;
  return (
    <Card
      size="small"
      className={`hy-bed hy-bed-${status}`}
      style={{ borderTopColor: BED_COLORS[status] }}
      data-testid="bed-card"
      data-bed={bed.id}
      data-status={status}
      title={<span className="hy-bed-name">{placeLabel(bed, lang)}</span>}
      extra={<Tag color={BED_COLORS[status]} style={{ marginInlineEnd: 0 }}>{t(`bed.${status}`)}</Tag>}
    >
      {bed.stay ? <StayLines stay={bed.stay} /> : (
        <Typography.Text type="secondary" className="hy-bed-empty">{room ?? ''}</Typography.Text>
      )}
      {bed.stay && room && <Typography.Text type="secondary" className="hy-bed-room">{room}</Typography.Text>}
    </Card>
  );
}

export function BoardCounts({ board }: { board: WardBoard }) {
  const { t } = useTranslation('encounters');
  const c = board.counts;
  return (
    <Space wrap size={4}>
      <Tag>{t('board.beds', { n: c.beds })}</Tag>
      <Tag color={BED_COLORS.O}>{t('board.occupied', { n: c.occupied })}</Tag>
      <Tag color={BED_COLORS.U}>{t('board.free', { n: c.free })}</Tag>
      {c.closed > 0 && <Tag color={BED_COLORS.C}>{t('board.closed', { n: c.closed })}</Tag>}
    </Space>
  );
}

export function WardBoardView({ board }: { board: WardBoard }) {
  const { t } = useTranslation('encounters');
  const lang = useLang();
  const mrn = (p?: Resource) => mrnOf(p);
  if (!board.beds.length && !board.unassigned.length) return <Empty />;
  return (
    <div data-testid="ward-board" data-ward={board.ward.id}>
      <Row gutter={[12, 12]}>
        {board.beds.map((b) => (
          <Col key={b.id} xs={12} sm={8} md={8} lg={6} xl={4}>
            <BedCard bed={b} />
          </Col>
        ))}
      </Row>
      {board.unassigned.length > 0 && (
        <Card size="small" title={t('nurse.unassigned')} style={{ marginTop: 16 }}>
          <List
            dataSource={board.unassigned}
            renderItem={(s) => (
              <List.Item>
                <Space wrap>
                  {s.patient ? <Link to={`/patients/${s.patient.id}`}>{personName(s.patient, lang)}</Link> : '—'}
                  {mrn(s.patient) && <Typography.Text type="secondary">{mrn(s.patient)}</Typography.Text>}
                  {reasonOf(s.encounter, lang)}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
