// Clinic rooms as the queue shows them: name (Chinese), English alias, and the department that runs the room.
import type { Resource } from '../../../fhir/types.js';
import { refId } from '../../emr/encounters/fhir.js';
import { departmentName, type DepartmentName } from '../appointments/codes.js';

export interface Place {
  id: string;
  name: string;
  nameEn?: string;
  department?: DepartmentName;
}

/** The 诊疗科目 code of a department Organization id (dept-<code>). */
export const departmentOfOrg = (orgId: string | undefined): string | undefined => (orgId?.startsWith('dept-') ? orgId.slice(5) : undefined);

export function placeOf(l: Resource): Place {
  const code = departmentOfOrg(refId(l.managingOrganization, 'Organization'));
  const alias = (l.alias as string[] | undefined)?.[0];
  return {
    id: l.id as string,
    name: typeof l.name === 'string' ? l.name : (l.id as string),
    ...(alias ? { nameEn: alias } : {}),
    ...(code ? { department: departmentName(code) } : {}),
  };
}
