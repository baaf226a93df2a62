// The chart's documents tab: a patient's clinical notes (FHIR Composition) — list, editor from a template (one text
// area per section), save draft, sign (confirmed), amend a signed note (with a reason), versions and their Provenance.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Dropdown, Empty, Form, Input, Popconfirm, Space, Table, Tag, Timeline, Typography } from 'antd';
import { EditOutlined, FileAddOutlined, HistoryOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { ApiError } from '../../../app/api';
import { useAuth } from '../../../app/auth';
import type { Resource } from '../../../app/fhir-types';
import { LoadError, Loading } from '../../../app/states';
import { useLoad } from '../../../app/use-load';
import { notesApi, type Bilingual, type NoteAnswer, type NoteStatus, type NoteTemplate, type NoteView, type Ref } from './api';

const STATUS_COLOR: Record<NoteStatus, string> = { preliminary: 'orange', final: 'green', amended: 'blue', 'entered-in-error': 'default' };
const fmt = (s?: string) => (s ? dayjs(s).format('YYYY-MM-DD HH:mm') : '');

function useBi() {
  const { i18n } = useTranslation();
  return (b: Bilingual | undefined) => (b ? (i18n.language === 'en' ? b.en : b.zh) : '');
}

const refName = (r?: Ref) => r?.display ?? r?.reference ?? '';

type Open = { mode: 'new'; template: NoteTemplate } | { mode: 'open'; id: string };

export function NotesTab(props: { patientId: string; encounterId?: string }) {
  const { t } = useTranslation('notes');
  const bi = useBi();
  const patient = `Patient/${props.patientId}`;
  const encounter = props.encounterId ? `Encounter/${props.encounterId}` : undefined;
  const templates = useLoad((signal) => notesApi.templates(signal), []);
  const notes = useLoad((signal) => notesApi.list(patient, undefined, signal), [patient]);
  const [open, setOpen] = useState<Open | null>(null);

  if ((templates.loading && !templates.data) || (notes.loading && !notes.data)) return <Loading />;
  if (templates.error || notes.error) return <LoadError error={templates.error ?? notes.error} title={t('errors.load')} onRetry={() => { templates.reload(); notes.reload(); }} />;
  const tpls = templates.data ?? [];
  const tplOf = (key?: string) => tpls.find((x) => x.key === key);

  const close = () => {
    setOpen(null);
    notes.reload();
  };

  return (
    <Card
      title={t('title')}
      data-testid="notes-tab"
      extra={
        <Dropdown menu={{ items: tpls.map((x) => ({ key: x.key, label: bi(x.title), onClick: () => setOpen({ mode: 'new', template: x }) })) }}>
          <Button type="primary" icon={<FileAddOutlined />} data-testid="notes-new">{t('new')}</Button>
        </Dropdown>
      }
    >
      <Table<NoteView>
        rowKey="id"
        size="middle"
        dataSource={notes.data ?? []}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        onRow={(n) => ({ onClick: () => setOpen({ mode: 'open', id: n.id }), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('columns.title'), key: 'title', render: (_, n) => <Typography.Text strong>{bi(tplOf(n.template)?.title) || n.title}</Typography.Text> },
          { title: t('columns.status'), key: 'status', render: (_, n) => <Tag color={STATUS_COLOR[n.status]} data-testid={`note-status-${n.id}`}>{t(`status.${n.status}`)}</Tag> },
          { title: t('columns.author'), key: 'author', render: (_, n) => n.authors.map(refName).join('、') },
          { title: t('columns.signer'), key: 'signer', render: (_, n) => { const s = n.signers[n.signers.length - 1]; return s ? `${refName(s.party)} ${fmt(s.time)}` : '—'; } },
          { title: t('columns.date'), key: 'date', render: (_, n) => fmt(n.date) },
          { title: t('columns.actions'), key: 'actions', render: (_, n) => <Button size="small" type="link" onClick={(e) => { e.stopPropagation(); setOpen({ mode: 'open', id: n.id }); }}>{t('open')}</Button> },
        ]}
      />
      <Drawer open={!!open} onClose={close} size={760} destroyOnHidden title={null} data-testid="note-drawer">
        {open?.mode === 'new' && <NoteEditor template={open.template} patient={patient} encounter={encounter} onDone={close} />}
        {open?.mode === 'open' && <NoteDetail id={open.id} templates={tpls} onDone={close} />}
      </Drawer>
    </Card>
  );
}

/** One note: the editor for its author's draft, else the signed text with its Provenance, versions and Amend. */
function NoteDetail({ id, templates, onDone }: { id: string; templates: NoteTemplate[]; onDone(): void }) {
  const { t } = useTranslation('notes');
  const bi = useBi();
  const { user } = useAuth();
  const [tick, setTick] = useState(0);
  const loaded = useLoad(() => notesApi.get(id), [id, tick]);
  const [amending, setAmending] = useState(false);
  const [version, setVersion] = useState<{ note: NoteView; provenance?: Resource } | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  if (loaded.loading && !loaded.data) return <Loading />;
  if (loaded.error || !loaded.data) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  const { note, provenance } = loaded.data;
  const template = templates.find((x) => x.key === note.template);
  if (!template) return <Alert type="error" title={t('errors.load')} />;
  const mine = !!user?.fhirUser && note.authors.some((a) => a.reference === user.fhirUser);

  if (note.status === 'preliminary') {
    if (mine) return <NoteEditor template={template} existing={loaded.data} onDone={onDone} />;
    return (
      <>
        <Alert type="info" showIcon title={t('editor.notMine', { author: note.authors.map(refName).join('、') })} style={{ marginBottom: 16 }} />
        <NoteText note={note} template={template} />
      </>
    );
  }
  if (amending) return <NoteEditor template={template} existing={loaded.data} amend onDone={() => { setAmending(false); setTick((n) => n + 1); }} onCancel={() => setAmending(false)} />;
  const shown = version ?? { note, provenance };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{shown.note.title === template.title.zh ? bi(template.title) : shown.note.title} <Tag color={STATUS_COLOR[shown.note.status]} data-testid="note-drawer-status">{t(`status.${shown.note.status}`)}</Tag></Typography.Title>
        <Space>
          {version && <Button onClick={() => setVersion(null)}>{t('view.back')}</Button>}
          <Button icon={<HistoryOutlined />} onClick={() => setShowHistory((v) => !v)} data-testid="note-history">{t('view.history')}</Button>
          {!version && <Button type="primary" icon={<EditOutlined />} onClick={() => setAmending(true)} data-testid="note-amend">{t('view.amend')}</Button>}
        </Space>
      </Space>
      {version && <Alert type="warning" showIcon title={t('view.version', { v: version.note.version })} />}
      <NoteText note={shown.note} template={template} />
      {shown.provenance && <ProvenanceCard provenance={shown.provenance} />}
      {showHistory && <VersionList id={id} current={note.version} onPick={(v) => setVersion(v.note.version === note.version ? null : v)} />}
    </Space>
  );
}

function NoteText({ note, template }: { note: NoteView; template: NoteTemplate }) {
  const { t } = useTranslation('notes');
  const bi = useBi();
  const written = template.sections.filter((s) => note.sections[s.key]);
  return (
    <div data-testid="note-text">
      {!written.length && <Typography.Text type="secondary">{t('view.noSections')}</Typography.Text>}
      {written.map((s) => (
        <div key={s.key} style={{ marginBottom: 12 }}>
          <Typography.Text strong>{bi(s.title)}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{note.sections[s.key]}</Typography.Paragraph>
        </div>
      ))}
      {note.signers.map((s, i) => (
        <Typography.Paragraph key={i} type="secondary" style={{ textAlign: 'right', marginBottom: 0 }}>
          <SafetyCertificateOutlined /> {t('view.signedBy', { name: refName(s.party), time: fmt(s.time) })}
        </Typography.Paragraph>
      ))}
    </div>
  );
}

function ProvenanceCard({ provenance }: { provenance: Resource }) {
  const { t } = useTranslation('notes');
  const p = provenance as Resource & {
    recorded?: string; activity?: { text?: string; coding?: { code?: string; display?: string }[] }; reason?: { text?: string; coding?: { code?: string; display?: string }[] }[];
    signature?: { who?: Ref; when?: string }[]; entity?: { what?: Ref }[]; agent?: { who?: Ref }[];
  };
  const sig = p.signature?.[0];
  const revises = p.entity?.[0]?.what?.reference?.match(/_history\/(\d+)$/)?.[1];
  return (
    <Card size="small" title={<><SafetyCertificateOutlined /> {t('view.provenance')}</>} data-testid="note-provenance">
      <Descriptions size="small" column={1} items={[
        { key: 'a', label: t('view.provenanceActivity'), children: t(`view.activities.${p.activity?.coding?.[0]?.code ?? ''}`, { defaultValue: p.activity?.text ?? p.activity?.coding?.[0]?.display ?? '' }) },
        { key: 'w', label: t('view.provenanceWho'), children: refName(sig?.who ?? p.agent?.[0]?.who) },
        { key: 't', label: t('view.provenanceWhen'), children: fmt(sig?.when ?? p.recorded) },
        ...(p.reason?.[0] ? [{ key: 'r', label: t('view.provenanceReason'), children: p.reason[0].text ?? t(`view.reasons.${p.reason[0].coding?.[0]?.code ?? ''}`, { defaultValue: p.reason[0].coding?.[0]?.display ?? '' }) }] : []),
        ...(revises ? [{ key: 'e', label: t('view.provenanceRevises'), children: t('view.version', { v: revises }) }] : []),
      ]} />
    </Card>
  );
}

function VersionList({ id, current, onPick }: { id: string; current: string; onPick(v: { note: NoteView; provenance?: Resource }): void }) {
  const { t } = useTranslation('notes');
  const versions = useLoad(() => notesApi.history(id), [id, current]);
  if (versions.loading && !versions.data) return <Loading />;
  if (versions.error) return <LoadError error={versions.error} onRetry={versions.reload} />;
  return (
    <Card size="small" title={t('view.history')} data-testid="note-versions">
      <Timeline items={[...(versions.data ?? [])].reverse().map((v) => ({
        key: v.note.version,
        color: STATUS_COLOR[v.note.status],
        title: <Space>{t('view.version', { v: v.note.version })}<Tag color={STATUS_COLOR[v.note.status]}>{t(`status.${v.note.status}`)}</Tag>{v.note.version === current && <Typography.Text type="secondary">{t('view.current')}</Typography.Text>}</Space>,
        content: (
          <Space orientation="vertical" size={0}>
            <Typography.Text type="secondary">{fmt(v.note.lastUpdated)}</Typography.Text>
            {v.provenance && <Typography.Text>{t('view.signedBy', { name: refName((v.provenance.agent as { who?: Ref }[] | undefined)?.[0]?.who), time: fmt(v.provenance.recorded as string) })}</Typography.Text>}
            {v.note.status !== 'preliminary' && <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onPick(v)}>{t('view.viewVersion')}</Button>}
          </Space>
        ),
      }))} />
    </Card>
  );
}

/** The editor of a new note, of a draft (save / sign / discard), or of an amendment of a signed note (reason + sign). */
function NoteEditor({ template, existing, amend, patient, encounter, onDone, onCancel }: {
  template: NoteTemplate; existing?: NoteAnswer; amend?: boolean; patient?: string; encounter?: string; onDone(): void; onCancel?(): void;
}) {
  const { t } = useTranslation('notes');
  const bi = useBi();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ sections: Record<string, string>; reason?: string }>();
  const [note, setNote] = useState<NoteView | undefined>(existing?.note);
  const [busy, setBusy] = useState(false);
  const initial = useMemo(() => ({ sections: { ...(existing?.note.sections ?? {}) } }), [existing]);

  const sectionsNow = (): Record<string, string> => {
    const v = (form.getFieldValue('sections') ?? {}) as Record<string, string | undefined>;
    return Object.fromEntries(template.sections.map((s) => [s.key, v[s.key] ?? '']));
  };
  const showErrors = (e: unknown) => {
    if (e instanceof ApiError) {
      const fields = e.fieldErrors((x) => (x.startsWith('sections.') ? ['sections', x.slice('sections.'.length)] : x === 'reason' ? 'reason' : undefined));
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.name as never, errors: f.errors })));
      if (!fields.length || e.status !== 422) message.error(e.message);
    } else message.error(String(e));
  };
  /** the draft as saved now: created on first save */
  const persist = async (): Promise<NoteView> => {
    const sections = sectionsNow();
    if (note) return (await notesApi.save(note.id, { sections, version: note.version })).note;
    return (await notesApi.create({ patient: patient as string, ...(encounter ? { encounter } : {}), template: template.key, sections })).note;
  };
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  const missing = () => {
    const s = sectionsNow();
    const empty = template.sections.filter((x) => x.required && !s[x.key]?.trim());
    form.setFields(empty.map((x) => ({ name: ['sections', x.key] as never, errors: [t('editor.requiredMissing')] })));
    return empty.length > 0;
  };

  const save = () => run(async () => {
    const saved = await persist();
    setNote(saved);
    message.success(t('editor.saved'));
  });
  const sign = () => {
    if (missing()) return;
    modal.confirm({
      title: t('editor.signConfirmTitle'),
      content: t('editor.signConfirm'),
      okText: t('editor.sign'),
      cancelText: t('editor.cancel'),
      okButtonProps: { 'data-testid': 'note-sign-confirm' } as never,
      onOk: () => run(async () => {
        const saved = await persist();
        setNote(saved);
        await notesApi.sign(saved.id, { version: saved.version });
        message.success(t('editor.signed'));
        onDone();
      }),
    });
  };
  const submitAmendment = () => run(async () => {
    const reason = ((form.getFieldValue('reason') as string | undefined) ?? '').trim();
    if (!reason) {
      form.setFields([{ name: 'reason', errors: [t('editor.amendReasonRequired')] }]);
      return;
    }
    if (missing()) return;
    await notesApi.amend(existing?.note.id as string, { sections: sectionsNow(), reason, version: existing?.note.version });
    message.success(t('editor.amended'));
    onDone();
  });
  const discard = () => run(async () => {
    if (note) await notesApi.discard(note.id);
    message.success(t('editor.discarded'));
    onDone();
  });

  const title = bi(template.title);
  return (
    <div data-testid="note-editor">
      <Typography.Title level={4}>{amend ? t('editor.amendTitle', { title }) : note ? t('editor.editTitle', { title }) : t('editor.newTitle', { title })}</Typography.Title>
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        disabled={busy}
        // a message set after a failed sign goes once the field is edited
        onValuesChange={(changed: { sections?: Record<string, string>; reason?: string }) => {
          const names = [...Object.keys(changed.sections ?? {}).map((k) => ['sections', k]), ...('reason' in changed ? [['reason']] : [])];
          form.setFields(names.map((name) => ({ name: name as never, errors: [] })));
        }}
      >
        {template.sections.map((s) => (
          <Form.Item
            key={s.key}
            name={['sections', s.key]}
            label={<Space size={4}>{bi(s.title)}{s.required && <Typography.Text type="danger" style={{ fontSize: 12 }}>* {t('editor.required')}</Typography.Text>}</Space>}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 12 }} placeholder={bi(s.hint)} data-testid={`section-${s.key}`} maxLength={20000} />
          </Form.Item>
        ))}
        {amend && (
          <Form.Item name="reason" label={t('editor.amendReason')} required>
            <Input data-testid="amend-reason" maxLength={500} />
          </Form.Item>
        )}
      </Form>
      <Space wrap>
        {amend ? (
          <>
            <Button type="primary" loading={busy} onClick={submitAmendment} data-testid="amend-submit">{t('editor.amendSubmit')}</Button>
            <Button onClick={onCancel}>{t('editor.cancel')}</Button>
          </>
        ) : (
          <>
            <Button onClick={save} loading={busy} data-testid="note-save">{t('editor.save')}</Button>
            <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={sign} loading={busy} data-testid="note-sign">{t('editor.sign')}</Button>
            {note && (
              <Popconfirm title={t('editor.discardConfirm')} onConfirm={discard} okText={t('editor.discard')} cancelText={t('editor.cancel')}>
                <Button danger>{t('editor.discard')}</Button>
              </Popconfirm>
            )}
          </>
        )}
      </Space>
    </div>
  );
}

export default NotesTab;
