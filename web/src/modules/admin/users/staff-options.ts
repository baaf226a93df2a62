// The hospital's staff (PractitionerRole with the practitioner's name, department and position) as options
// for linking an account to its FHIR identity.
import { api } from '../../../app/api';
import { matches, type Resource } from '../../../app/fhir-types';

export interface StaffOption {
  value: string;
  label: string;
}

interface Ref {
  reference?: string;
  display?: string;
}
interface Concept {
  text?: string;
  coding?: { display?: string }[];
}

const text = (c: Concept | undefined) => c?.text ?? c?.coding?.[0]?.display ?? '';

export async function loadStaffOptions(signal?: AbortSignal): Promise<StaffOption[]> {
  const bundle = await api.fhir.search('PractitionerRole', { _count: 500, active: 'true' }, { signal });
  return matches<Resource & { practitioner?: Ref; organization?: Ref; code?: Concept[] }>(bundle).map((r) => {
    const position = (r.code ?? []).map(text).filter(Boolean).slice(-1)[0];
    const parts = [r.practitioner?.display, r.organization?.display, position].filter(Boolean);
    return { value: `PractitionerRole/${r.id}`, label: `${parts.join(' · ')} (${r.id})` };
  });
}
