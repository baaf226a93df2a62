// The waiting-room board (/queue/board?department=03.01 or ?room=clinic-03.01-1; without either: every clinic today):
// a TV page without the staff frame, dark with big type, live over server-sent events, masked names only, and the
// new calls spoken aloud once sound is enabled (browsers only speak after a click on the page). Staff sign-in required:
// the TV in the waiting area is signed in as a nurse.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Modal, Select, Space } from 'antd';
import { AppstoreOutlined, LogoutOutlined, SoundOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { queueApi, type Board, type BoardCall, type BoardScope, type Place } from './api';
import { useLiveBoard, type LiveStatus } from './use-live-board';
import { REPEAT, announcement, callKey, speak, speechAvailable } from './speech';
import './board.css';

type Lang = 'zh-CN' | 'en';

const placeName = (p: Place | undefined, lang: Lang) => (p ? (lang === 'en' ? p.nameEn ?? p.name : p.name) : '');

function Clock() {
  const [now, setNow] = useState(() => dayjs());
  useEffect(() => {
    const id = setInterval(() => setNow(dayjs()), 15_000);
    return () => clearInterval(id);
  }, []);
  return <span className="qb-clock">{now.format('HH:mm')}</span>;
}

/** Speaks each call not announced before, once sound is on; the calls present when the page opened stay quiet. */
function useAnnouncements(board: Board | undefined, enabled: boolean, lang: Lang): string | undefined {
  const seen = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!board) return;
    if (!seen.current) {
      seen.current = new Set(board.calls.map(callKey));
      return;
    }
    const known = seen.current;
    const news = board.calls.filter((c) => !known.has(callKey(c))).reverse();
    for (const c of news) {
      known.add(callKey(c));
      if (enabled) speak(announcement(c, lang), lang, REPEAT);
    }
    if (news.length) setFresh(news[news.length - 1]!.id);
  }, [board, enabled, lang]);
  useEffect(() => {
    if (!fresh) return;
    const id = setTimeout(() => setFresh(undefined), 8000);
    return () => clearTimeout(id);
  }, [fresh]);
  return fresh;
}

function StatusLine({ status }: { status: LiveStatus }) {
  const { t } = useTranslation('queue');
  const text = status === 'live' ? t('board.live') : t(`board.${status}`);
  return <span className={`qb-status qb-status-${status}`} data-testid="board-status">{text}</span>;
}

function ScopePicker({ open, onClose, scope }: { open: boolean; onClose: () => void; scope: BoardScope }) {
  const { t, i18n } = useTranslation('queue');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [, setParams] = useSearchParams();
  const [all, setAll] = useState<Board | undefined>(undefined);
  const [department, setDepartment] = useState<string | undefined>(scope.department);
  const [room, setRoom] = useState<string | undefined>(scope.room);
  useEffect(() => {
    if (open) queueApi.board({}).then(setAll, () => setAll(undefined));
  }, [open]);
  const departments = useMemo(() => {
    const m = new Map<string, { code: string; name: string; nameEn: string }>();
    for (const r of all?.rooms ?? []) if (r.room.department) m.set(r.room.department.code, r.room.department);
    return [...m.values()];
  }, [all]);
  const rooms = (all?.rooms ?? []).filter((r) => !department || r.room.department?.code === department);
  const apply = () => {
    const next: Record<string, string> = {};
    if (room) next.room = room;
    else if (department) next.department = department;
    setParams(next);
    onClose();
  };
  return (
    <Modal open={open} title={t('board.choose')} onCancel={onClose} onOk={apply} okText={t('board.apply')} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select
          style={{ width: '100%' }} allowClear placeholder={t('board.department')} value={department}
          options={departments.map((d) => ({ value: d.code, label: lang === 'en' ? d.nameEn : d.name }))}
          onChange={(v?: string) => { setDepartment(v); setRoom(undefined); }}
        />
        <Select
          style={{ width: '100%' }} allowClear placeholder={t('board.room')} value={room}
          options={rooms.map((r) => ({ value: r.room.id, label: placeName(r.room, lang) }))}
          onChange={(v?: string) => setRoom(v)}
        />
      </Space>
    </Modal>
  );
}

function Headline({ call, fresh, lang }: { call: BoardCall | undefined; fresh: boolean; lang: Lang }) {
  const { t } = useTranslation('queue');
  if (!call) return <div className="qb-headline qb-headline-empty">{t('board.noCalls')}</div>;
  return (
    <div className={`qb-headline${fresh ? ' qb-flash' : ''}`} data-testid="board-headline">
      {t('board.callNow', { ticket: call.ticket, name: call.name, room: placeName(call.room, lang) })}
    </div>
  );
}

export function BoardPage() {
  const { t, i18n } = useTranslation('queue');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const scope: BoardScope = useMemo(() => {
    const department = params.get('department') ?? undefined;
    const room = params.get('room') ?? undefined;
    return { ...(department ? { department } : {}), ...(room ? { room } : {}) };
  }, [params]);
  const { board, status } = useLiveBoard(scope);
  const [sound, setSound] = useState(false);
  const [picking, setPicking] = useState(false);
  const canSpeak = speechAvailable();
  const fresh = useAnnouncements(board, sound, lang);

  const enableSound = () => {
    speak(t('board.soundTest'), lang);
    setSound(true);
  };
  const title = board?.room ? placeName(board.room, lang) : board?.department ? (lang === 'en' ? board.department.nameEn : board.department.name) : t('board.allRooms');

  return (
    <div className="qb-page" data-testid="queue-board" lang={lang}>
      <header className="qb-header">
        <div className="qb-title">{title} · {t('board.title')}</div>
        <div className="qb-tools">
          <StatusLine status={status} />
          <Clock />
          {!canSpeak ? (
            <span className="qb-sound" data-testid="sound-state">{t('board.soundUnsupported')}</span>
          ) : sound ? (
            <span className="qb-sound qb-sound-on" data-testid="sound-state"><SoundOutlined /> {t('board.soundOn')}</span>
          ) : (
            <Button size="large" type="primary" icon={<SoundOutlined />} onClick={enableSound} data-testid="enable-sound">{t('board.enableSound')}</Button>
          )}
          <Button size="large" ghost icon={<AppstoreOutlined />} onClick={() => setPicking(true)} aria-label={t('board.choose')} data-testid="choose-scope" />
          <Button size="large" ghost icon={<LogoutOutlined />} onClick={() => navigate('/')} aria-label={t('board.exit')} />
        </div>
      </header>
      {status === 'ended' && <div className="qb-banner">{t('board.ended')}</div>}
      <Headline call={board?.calls[0]} fresh={!!fresh && fresh === board?.calls[0]?.id} lang={lang} />
      <main className="qb-main">
        <section className={`qb-rooms${board?.rooms.length === 1 ? ' qb-rooms-single' : ''}`} data-testid="board-rooms">
          {!board ? <div className="qb-empty">{t('board.connecting')}</div> : board.rooms.length === 0 ? <div className="qb-empty">{t('board.empty')}</div> : board.rooms.map((r) => (
            <div className={`qb-room${r.current && r.current.id === fresh ? ' qb-flash' : ''}`} key={r.room.id} data-testid="board-room">
              <div className="qb-room-name">{placeName(r.room, lang)}</div>
              <div className="qb-room-now">
                <span className="qb-label">{t('board.nowServing')}</span>
                {r.current ? <><span className="qb-number">{r.current.ticket}</span><span className="qb-name" data-testid="board-current-name">{r.current.name}</span></> : <span className="qb-dim">—</span>}
              </div>
              <div className="qb-room-next">
                <span className="qb-label">{t('board.next')}</span>
                {r.next.length ? r.next.map((n) => <span className="qb-next" key={n.ticket}>{n.ticket} {n.name}</span>) : <span className="qb-dim">—</span>}
              </div>
              <div className="qb-room-waiting">{t('board.waiting', { n: r.waiting })}</div>
            </div>
          ))}
        </section>
        <aside className="qb-recent" data-testid="board-recent">
          <div className="qb-recent-title">{t('board.recent')}</div>
          {(board?.calls ?? []).map((c) => (
            <div className={`qb-recent-row${c.id === fresh ? ' qb-flash' : ''}`} key={`${c.id}-${c.callCount}`}>
              <span className="qb-number">{c.ticket}</span>
              <span className="qb-name">{c.name}</span>
              <span className="qb-recent-room">{placeName(c.room, lang)}</span>
              <span className="qb-dim">{dayjs(c.calledAt).format('HH:mm')}</span>
            </div>
          ))}
          {board && !board.calls.length && <div className="qb-dim">{t('board.noCalls')}</div>}
        </aside>
      </main>
      <ScopePicker open={picking} onClose={() => setPicking(false)} scope={scope} />
    </div>
  );
}
