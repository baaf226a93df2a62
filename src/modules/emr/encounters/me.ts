// Who the caller is as a clinician: their Practitioner, the PractitionerRole they act in (department, ward, clinics).
import { FhirError, badRequest } from '../../../fhir/errors.js';
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { idFrom, nameOf, ref, refId, type CodeableConcept, type Reference } from './fhir.js';

export interface Clinician {
  /** Practitioner/x, with the name as display */
  practitioner: Reference;
  /** the role acted in, when known */
  role?: Resource;
  /** every reference that may stand for this clinician in Encounter.participant */
  refs: string[];
  organization?: Reference;
  specialty?: CodeableConcept;
  /** Location ids of the role(s): wards, clinic rooms */
  locations: string[];
}

/**
 * The clinician behind a fhirUser or an explicit reference (PractitionerRole/x or Practitioner/x).
 * 422 when it names no practitioner (a patient, a device, or nobody).
 */
export async function clinician(repo: FhirRepository, ctx: RequestContext, who: string | undefined, field = 'practitioner'): Promise<Clinician> {
  if (!who) throw new FhirError(422, 'processing', 'No practitioner: the user is not linked to a Practitioner or PractitionerRole; name one', [field]);
  let roles: Resource[] = [];
  let practitioner: Resource | undefined;
  if (who.startsWith('PractitionerRole/')) {
    const role = await repo.read(ctx, 'PractitionerRole', idFrom(who, 'PractitionerRole', field));
    roles = [role];
    const pid = refId(role.practitioner, 'Practitioner');
    if (pid) practitioner = await repo.read(ctx, 'Practitioner', pid);
  } else if (who.startsWith('Practitioner/')) {
    practitioner = await repo.read(ctx, 'Practitioner', idFrom(who, 'Practitioner', field));
    roles = (await repo.search(ctx, { types: ['PractitionerRole'], params: [['practitioner', `Practitioner/${practitioner.id}`], ['active', 'true'], ['_count', '20']] })).matches;
  } else {
    throw badRequest(`${field} must be a PractitionerRole or Practitioner reference`, [field]);
  }
  if (!practitioner) throw new FhirError(422, 'processing', `${who} names no Practitioner`, [field]);
  const role = roles[0];
  const refs = [`Practitioner/${practitioner.id}`, ...roles.map((r) => `PractitionerRole/${r.id}`)];
  const locations = [...new Set(roles.flatMap((r) => ((r.location as unknown[] | undefined) ?? []).map((l) => refId(l, 'Location')).filter((x): x is string => !!x)))];
  const organization = role?.organization as Reference | undefined;
  const specialty = (role?.specialty as CodeableConcept[] | undefined)?.[0];
  return {
    practitioner: ref('Practitioner', practitioner.id as string, nameOf(practitioner)),
    ...(role ? { role } : {}),
    refs,
    ...(organization?.reference ? { organization } : {}),
    ...(specialty ? { specialty } : {}),
    locations,
  };
}
