// The patient's inbox: Communications addressed to them (停诊 notices from appointments, report releases …), each
// text once in Chinese and once in English (payload contentString with the language extension), plus the Slots a
// 停诊 notice offers instead (payload contentReference). Read = Communication.received set.
import type { ModuleDeps } from '../../module.js';
import type { RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { FhirError, notFound } from '../../../fhir/errors.js';
import type { Lang } from '../../emr/patients/problems.js';

export const LANGUAGE_URL = 'http://huiyi.health/fhir/StructureDefinition/language';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/communication-category';
const MAX_MESSAGES = 100;

interface Payload { contentString?: string; contentReference?: { reference?: string; display?: string }; extension?: { url?: string; valueCode?: string }[] }
interface Ref { reference?: string; display?: string }

/** A notification to a patient, in both languages. */
export function notification(o: { patient: string; sender?: Ref; sent: string; about?: string; zh: string; en: string }): Resource {
  return {
    resourceType: 'Communication',
    status: 'completed',
    category: [{ coding: [{ system: CATEGORY, code: 'notification', display: 'Notification' }] }],
    subject: { reference: o.patient },
    recipient: [{ reference: o.patient }],
    ...(o.sender ? { sender: o.sender } : {}),
    sent: o.sent,
    ...(o.about ? { about: [{ reference: o.about }] } : {}),
    payload: [
      { extension: [{ url: LANGUAGE_URL, valueCode: 'zh-CN' }], contentString: o.zh },
      { extension: [{ url: LANGUAGE_URL, valueCode: 'en' }], contentString: o.en },
    ],
  };
}

export interface OfferedSlot {
  id: string;
  start?: string;
  end?: string;
  status?: string;
  /** who and where, from the Slot's Schedule actors */
  with?: string[];
}

export interface InboxMessage {
  id: string;
  sent?: string;
  received?: string;
  text: string;
  texts: { zh?: string; en?: string };
  sender?: string;
  about?: string;
  /** the Appointment it concerns (a 停诊 notice), for rescheduling */
  appointment?: string;
  offeredSlots: OfferedSlot[];
}

const languageOf = (p: Payload) => p.extension?.find((e) => e.url === LANGUAGE_URL)?.valueCode ?? '';
const isRecipient = (c: Resource, patient: string) => ((c.recipient as Ref[] | undefined) ?? []).some((r) => r.reference === patient);

async function offeredSlots(deps: ModuleDeps, ctx: RequestContext, refs: string[], schedules: Map<string, Promise<Resource | undefined>>): Promise<OfferedSlot[]> {
  const read = (type: string, id: string) => deps.repo.read(ctx, type, id).catch((e: unknown) => {
    if (e instanceof FhirError && e.status < 500) return undefined;
    throw e;
  });
  const out = await Promise.all(refs.map(async (ref) => {
    const id = ref.slice('Slot/'.length);
    const slot = await read('Slot', id);
    if (!slot) return undefined;
    const sref = (slot.schedule as Ref | undefined)?.reference ?? '';
    if (sref.startsWith('Schedule/') && !schedules.has(sref)) schedules.set(sref, read('Schedule', sref.slice('Schedule/'.length)));
    const schedule = sref ? await schedules.get(sref) : undefined;
    const who = ((schedule?.actor as Ref[] | undefined) ?? []).map((a) => a.display).filter((d): d is string => !!d);
    const o: OfferedSlot = { id };
    for (const k of ['start', 'end', 'status'] as const) if (typeof slot[k] === 'string') o[k] = slot[k];
    if (who.length) o.with = who;
    return o;
  }));
  return out.filter((s): s is OfferedSlot => !!s);
}

export async function toMessage(deps: ModuleDeps, ctx: RequestContext, c: Resource, lang: Lang, schedules = new Map<string, Promise<Resource | undefined>>()): Promise<InboxMessage> {
  const payload = (c.payload as Payload[] | undefined) ?? [];
  const strings = payload.filter((p) => typeof p.contentString === 'string');
  const zh = strings.find((p) => languageOf(p).startsWith('zh'))?.contentString;
  const en = strings.find((p) => languageOf(p).startsWith('en'))?.contentString;
  const text = (lang === 'zh' ? zh ?? en : en ?? zh) ?? strings.map((p) => p.contentString).join('\n');
  const slotRefs = payload.map((p) => p.contentReference?.reference ?? '').filter((r) => /^Slot\/[A-Za-z0-9\-.]{1,64}$/.test(r));
  const about = ((c.about as Ref[] | undefined) ?? []).map((a) => a.reference ?? '').find(Boolean);
  const sender = c.sender as Ref | undefined;
  return {
    id: c.id as string,
    ...(c.sent ? { sent: c.sent as string } : {}),
    ...(c.received ? { received: c.received as string } : {}),
    text,
    texts: { ...(zh ? { zh } : {}), ...(en ? { en } : {}) },
    ...(sender?.display || sender?.reference ? { sender: sender.display ?? sender.reference } : {}),
    ...(about ? { about } : {}),
    ...(about?.startsWith('Appointment/') ? { appointment: about.slice('Appointment/'.length) } : {}),
    offeredSlots: await offeredSlots(deps, ctx, slotRefs, schedules),
  };
}

/** The Communications to the patient, newest first. */
export async function inbox(deps: ModuleDeps, ctx: RequestContext, patientId: string, lang: Lang): Promise<{ messages: InboxMessage[]; unread: number }> {
  const patient = `Patient/${patientId}`;
  const r = await deps.repo.search(ctx, { types: ['Communication'], params: [['recipient', patient], ['_sort', '-sent'], ['_count', String(MAX_MESSAGES)]], strict: true });
  const mine = r.matches.filter((c) => isRecipient(c, patient) && c.status !== 'entered-in-error');
  const schedules = new Map<string, Promise<Resource | undefined>>();
  const messages = await Promise.all(mine.map((c) => toMessage(deps, ctx, c, lang, schedules)));
  return { messages, unread: messages.filter((m) => !m.received).length };
}

export async function unreadCount(deps: ModuleDeps, ctx: RequestContext, patientId: string): Promise<number> {
  const patient = `Patient/${patientId}`;
  const r = await deps.repo.search(ctx, { types: ['Communication'], params: [['recipient', patient], ['_count', String(MAX_MESSAGES)], ['_elements', 'recipient,received,status']], strict: true });
  return r.matches.filter((c) => isRecipient(c, patient) && !c.received && c.status !== 'entered-in-error').length;
}

/** Mark a message to the patient read (idempotent: the first reading time stays). */
export async function markRead(deps: ModuleDeps, ctx: RequestContext, patientId: string, id: string, lang: Lang, now = new Date().toISOString()): Promise<InboxMessage> {
  let c: Resource;
  try {
    c = await deps.repo.read(ctx, 'Communication', id);
  } catch (e) {
    if (e instanceof FhirError && e.status < 500) throw notFound(`No message ${id} in your inbox`);
    throw e;
  }
  if (!isRecipient(c, `Patient/${patientId}`)) throw notFound(`No message ${id} in your inbox`);
  if (!c.received) {
    const { meta, ...rest } = c;
    try {
      c = (await deps.repo.update(ctx, { ...rest, received: now }, { ifMatch: meta?.versionId as string })).resource;
    } catch (e) {
      // read twice at once: the other request set it
      if (!(e instanceof FhirError && e.status === 412)) throw e;
      c = await deps.repo.read(ctx, 'Communication', id);
    }
  }
  return toMessage(deps, ctx, c, lang);
}
