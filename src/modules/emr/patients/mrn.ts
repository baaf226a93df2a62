// Medical record numbers (病案号) for new patients: 8 digits, zero-padded, as the demo hospital writes them
// (src/demo/patients.ts: 07000000 + 3 × index + 0–2). New numbers continue after the highest number in use and
// never below 08000001, so a larger demo seed (its numbers grow from 07000003) cannot reach them.
//
// Uniqueness, also under concurrent registration: each number is claimed by a conditional create
// (If-None-Exist: identifier=mrn|N) — the core serialises conditional creates on the same criteria (an advisory
// lock on PostgreSQL, the single writer on SQLite), so of two registrations trying N one creates and the other
// finds N taken and moves on. Registrations in one server process also queue per tenant, so they do not race
// for the same number (nor slip past each other's duplicate checks) in the first place.
import type { FhirRepository, RequestContext, WriteResult } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { FhirError } from '../../../fhir/errors.js';
import { Mutex } from '../../../fhir/store/mutex.js';
import { MRN_SYSTEM } from './search-parameters.js';

export const MRN_FLOOR = 8_000_000;
const MRN = /^\d{8}$/;
const MAX_ATTEMPTS = 50;

export const formatMrn = (n: number) => String(n).padStart(8, '0');

export function mrnIdentifier(mrn: string): Record<string, unknown> {
  return {
    use: 'usual',
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }], text: '病案号' },
    system: MRN_SYSTEM,
    value: mrn,
  };
}

export class MrnAllocator {
  private readonly next = new Map<string, number>();
  private readonly queues = new Map<string, Mutex>();

  /** Run fn alone among this process's registrations of the tenant. */
  serialize<T>(tenant: string, fn: () => Promise<T>): Promise<T> {
    let m = this.queues.get(tenant);
    if (!m) this.queues.set(tenant, (m = new Mutex()));
    return m.run(fn);
  }

  /** The highest 8-digit MRN in use (the custom `mrn` parameter sorts by it), or the floor. */
  async highest(repo: FhirRepository, ctx: RequestContext): Promise<number> {
    const r = await repo.search(ctx, { types: ['Patient'], params: [['_sort', '-mrn'], ['_count', '20']], strict: true });
    let max = MRN_FLOOR;
    for (const p of r.matches) {
      for (const id of (p.identifier as { system?: string; value?: string }[] | undefined) ?? []) {
        if (id.system === MRN_SYSTEM && id.value && MRN.test(id.value)) max = Math.max(max, Number(id.value));
      }
    }
    return max;
  }

  /** Create the patient `build(mrn)` under the next free MRN. */
  async create(repo: FhirRepository, ctx: RequestContext, build: (mrn: string) => Resource): Promise<WriteResult> {
    let n = this.next.get(ctx.tenant) ?? (await this.highest(repo, ctx)) + 1;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const mrn = formatMrn(n);
      const r = await repo.conditionalCreate(ctx, build(mrn), `identifier=${encodeURIComponent(`${MRN_SYSTEM}|${mrn}`)}`);
      if (r.created) {
        this.next.set(ctx.tenant, n + 1);
        return r;
      }
      // taken by another server or an import: continue after the highest number now in use
      n = Math.max(n + 1, (await this.highest(repo, ctx)) + 1);
    }
    this.next.delete(ctx.tenant);
    throw new FhirError(503, 'transient', 'No free medical record number was found; try again');
  }
}
