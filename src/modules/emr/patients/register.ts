// Registration: duplicate checks, then the Patient with its names, identity document, MRN and phone.
//   same identity document number            → 409, with the existing patient: never a second record;
//   same name + birth date + phone           → 409 "possible duplicate", unless the clerk confirms (confirmDuplicate).
// The existing records travel in the OperationOutcome as contained Patients (ids as stored), each referenced
// from its issue, so the form can offer "open existing".
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import { assertAllowed } from '../../../fhir/store/access.js';
import type { Resource } from '../../../fhir/types.js';
import { documentIdentifier } from './identity-documents.js';
import { humanNames } from './names.js';
import { MrnAllocator, mrnIdentifier } from './mrn.js';
import { ProblemError, problemIssue, type Issue, type Lang, type ProblemCode } from './problems.js';
import { RELATIONSHIPS, type Registration } from './registration-input.js';

export const DUPLICATE_EXTENSION = 'https://huiyi.dev/fhir/StructureDefinition/duplicate-patient';

export function buildPatient(r: Registration, mrn: string): Resource {
  const patient: Resource = {
    resourceType: 'Patient',
    identifier: [documentIdentifier(r.document, r.idNumber), mrnIdentifier(mrn)],
    active: true,
    name: humanNames(r.name),
    telecom: [{ system: 'phone', value: r.phone.value, use: r.phone.use }],
    gender: r.sex,
    birthDate: r.birthDate,
  };
  if (r.address) patient.address = [{ use: 'home', text: r.address }];
  if (r.contact) {
    const rel = r.contact.relationship;
    patient.contact = [{
      relationship: [
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'C', display: 'Emergency Contact' }], text: '紧急联系人' },
        ...(rel ? [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: rel, display: RELATIONSHIPS[rel].en }], text: RELATIONSHIPS[rel].zh }] : []),
      ],
      name: humanNames(r.contact.name)[0],
      ...(r.contact.phone ? { telecom: [{ system: 'phone', value: r.contact.phone.value, use: r.contact.phone.use }] } : {}),
    }];
  }
  return patient;
}

function duplicateError(code: ProblemCode, fields: string[], existing: Resource[], lang: Lang): ProblemError {
  const issue: Issue = {
    ...problemIssue({ field: fields[0], code }, lang, 'duplicate'),
    expression: fields,
    extension: existing.map((p) => ({ url: DUPLICATE_EXTENSION, valueReference: { reference: `#${p.id as string}` } })),
  };
  const contained = existing.map((p) => {
    const { meta: _meta, text: _text, ...rest } = p;
    return rest;
  });
  return new ProblemError(409, 'duplicate', [issue], { contained });
}

export interface RegisterOptions {
  confirmDuplicate: boolean;
  lang: Lang;
}

export async function registerPatient(repo: FhirRepository, ctx: RequestContext, mrns: MrnAllocator, r: Registration, o: RegisterOptions): Promise<Resource> {
  // the policy decides who registers; asked first, because the conditional create below does not ask it (a core gap)
  assertAllowed(ctx.access, 'Patient', 'create');
  return mrns.serialize(ctx.tenant, async () => {
    const search = (params: [string, string][]) => repo.search(ctx, { types: ['Patient'], params: [...params, ['_count', '5']], strict: true });
    const sameId = await search([['identifier', `${r.document.system}|${r.idNumber}`]]);
    if (sameId.matches.length) throw duplicateError('duplicate-id', ['idNumber'], sameId.matches, o.lang);
    if (!o.confirmDuplicate) {
      const similar = await search([['name:exact', r.name], ['birthdate', r.birthDate], ['phone', r.phone.value]]);
      if (similar.matches.length) throw duplicateError('possible-duplicate', ['name', 'birthDate', 'phone'], similar.matches, o.lang);
    }
    const created = await mrns.create(repo, ctx, (mrn) => buildPatient(r, mrn));
    return created.resource;
  });
}
