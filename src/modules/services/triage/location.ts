// Where a triaged patient waits: the ED's triage location. A hospital marks it with Location.type
// location-function|triage (the demo hospital's er-triage, 急诊预检分诊处); the ED nurses' PractitionerRole lists it,
// which is what puts the waiting patients under their ward policy.
import { FhirError } from '../../../fhir/errors.js';
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { clinician } from '../../emr/encounters/me.js';
import { SYS } from './codes.js';

export const TRIAGE_FUNCTION = { system: SYS.locationFunction, code: 'triage' } as const;

async function readLocation(repo: FhirRepository, ctx: RequestContext, id: string): Promise<Resource> {
  try {
    const l = await repo.read(ctx, 'Location', id);
    if (l.status === 'inactive' || l.status === 'suspended') throw new FhirError(422, 'processing', `Location/${id} is not in use`, ['location']);
    return l;
  } catch (e) {
    if (e instanceof FhirError && (e.status === 404 || e.status === 410)) throw new FhirError(422, 'processing', `Location/${id} is not known`, ['location']);
    throw e;
  }
}

/** The location named in the request, else the triage location of the caller's role, else the hospital's first. */
export async function triageLocation(repo: FhirRepository, ctx: RequestContext, requested: string | undefined, fhirUser: string | undefined): Promise<Resource> {
  if (requested) return readLocation(repo, ctx, requested.replace(/^Location\//, ''));
  const found = (await repo.search(ctx, {
    types: ['Location'], params: [['type', `${TRIAGE_FUNCTION.system}|${TRIAGE_FUNCTION.code}`], ['_count', '50']],
  })).matches.filter((l) => l.status !== 'inactive' && l.status !== 'suspended');
  if (!found.length) {
    throw new FhirError(422, 'processing', `No ED triage location: name one in "location", or mark a Location with type ${TRIAGE_FUNCTION.system}|${TRIAGE_FUNCTION.code}`, ['location']);
  }
  const mine = fhirUser ? await clinician(repo, ctx, fhirUser).then((c) => c.locations, () => [] as string[]) : [];
  return found.find((l) => mine.includes(l.id as string)) ?? (found[0] as Resource);
}
