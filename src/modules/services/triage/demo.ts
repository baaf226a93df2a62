// ED arrivals for the demo hospital, so that `huiyi serve --demo` opens the emergency board with patients on it:
// four made-up walk-ins of the last hour and a bit, triaged by the demo triage nurse through the same code as
// POST /api/triage/encounters. Added only when nobody is waiting on the board (a restart adds no more).
import { processBundle } from '../../../fhir/bundle/process.js';
import type { Store } from '../../../fhir/store/open.js';
import type { RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { registerArrival, WAITING, type ArrivalInput } from './encounters.js';
import { SYS } from './codes.js';

const NURSE = 'PractitionerRole/prole-053';
const TRIAGE_LOCATION = 'er-triage';

/** minutes before now, and what the nurse entered */
const ARRIVALS: [number, ArrivalInput][] = [
  [5, { newPatient: { name: '王建国', sex: 'male', age: 67 }, age: 67, complaint: '胸痛伴大汗 40 分钟', vitals: { heartRate: 118, systolicBP: 92, respiratoryRate: 24, spo2: 93, temperature: 36.6, painScore: 7 }, expectedResources: 3 }],
  [18, { newPatient: { name: '刘子涵', sex: 'female', age: 8 }, age: 8, complaint: '发热 2 天，最高 39.2℃', vitals: { heartRate: 120, respiratoryRate: 24, spo2: 97, temperature: 39.2, painScore: 2 }, expectedResources: 1 }],
  [35, { newPatient: { name: '陈晓雯', sex: 'female', age: 34 }, age: 34, complaint: '右下腹痛 6 小时', vitals: { heartRate: 96, systolicBP: 118, respiratoryRate: 18, spo2: 98, temperature: 38.1, painScore: 5 }, expectedResources: 2 }],
  [70, { newPatient: { name: '赵磊', sex: 'male', age: 45 }, age: 45, complaint: '左手切割伤', vitals: { heartRate: 82, systolicBP: 128, respiratoryRate: 16, spo2: 99, temperature: 36.5, painScore: 3 }, expectedResources: 1 }],
];

/** The arrivals added (name and assigned level), none when someone is waiting already or this is not the demo hospital. */
export async function seedDemoTriage(store: Store, ctx: RequestContext, now = new Date()): Promise<{ name: string; level: number }[]> {
  const waiting = await store.repo.search(ctx, {
    types: ['Encounter'], params: [['class', `${SYS.actCode}|EMER`], ['status', WAITING.join(',')], ['_count', '1']],
  });
  if (waiting.matches.length) return [];
  let location: Resource;
  try {
    location = await store.repo.read(ctx, 'Location', TRIAGE_LOCATION);
  } catch {
    return []; // not the demo hospital
  }
  const transaction = (c: RequestContext, bundle: Resource) => processBundle(store.repo, c, bundle, { baseUrl: 'http://localhost/fhir', maxEntries: 100 });
  const out: { name: string; level: number }[] = [];
  for (const [minutes, input] of ARRIVALS) {
    const at = new Date(now.getTime() - minutes * 60_000);
    const r = await registerArrival(store.repo, transaction, { ctx, elevated: ctx, performer: { reference: NURSE }, lang: 'zh', now: at }, input, location);
    out.push({ name: input.newPatient?.name ?? '', level: (r.level as { level: number }).level });
  }
  return out;
}
