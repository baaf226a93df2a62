// Slots for the demo hospital: today and the next 7 days, generated at `huiyi serve --demo` and by the browser
// tests' server. Idempotent, so every start only adds the days that came into range.
import { processBundle } from '../../../fhir/bundle/process.js';
import type { Store } from '../../../fhir/store/open.js';
import type { RequestContext } from '../../../fhir/store/repository.js';
import { generateSlots, type GenerateResult } from './generate.js';
import { loadAppointmentSettings } from './settings.js';
import { localDate } from './time.js';

export const DEMO_SLOT_DAYS = 8;

export function seedDemoSlots(store: Store, ctx: RequestContext, env: NodeJS.ProcessEnv = process.env, now = new Date()): Promise<GenerateResult> {
  const { slotMinutes } = loadAppointmentSettings(env);
  const transaction = (c: RequestContext, bundle: Parameters<typeof processBundle>[2]) =>
    processBundle(store.repo, c, bundle, { baseUrl: 'http://localhost/fhir', maxEntries: 100_000 });
  return generateSlots(store.repo, transaction, ctx, { from: localDate(now.getTime()), days: DEMO_SLOT_DAYS, slotMinutes });
}
