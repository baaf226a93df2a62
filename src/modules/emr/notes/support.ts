// What the notes and orders routes share: who is calling (as a FHIR reference), writing several resources in one
// transaction Bundle, and request-schema errors answered as OperationOutcomes that name the field.
import type { FastifyRequest, FastifySchemaValidationError } from 'fastify';
import type { ModuleDeps } from '../../module.js';
import type { RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { FhirError } from '../../../fhir/errors.js';

export interface Ref {
  reference: string;
  display?: string;
}

export interface Actor {
  /** the user's fhirUser (PractitionerRole/…, Practitioner/…) */
  ref: Ref;
  /** the organisation the user works for, when the fhirUser is a PractitionerRole that names one */
  organization?: Ref;
  /** the Practitioner behind the fhirUser (Annotation.author cannot name a PractitionerRole) */
  practitioner?: Ref;
}

/** Annotation author of a note written by the actor. */
export function annotationAuthor(a: Actor): { authorReference: Ref } | { authorString: string } {
  if (a.practitioner) return { authorReference: a.practitioner };
  if (a.ref.reference.startsWith('Practitioner/')) return { authorReference: a.ref };
  return { authorString: a.ref.display ?? a.ref.reference };
}

/**
 * The signed-in user as a FHIR reference, with a display name from the directory (PractitionerRole → practitioner).
 * Clinical writes need a person to attribute them to: an account not linked to one gets a 403.
 */
export async function actorOf(deps: ModuleDeps, req: FastifyRequest, ctx: RequestContext): Promise<Actor> {
  const fhirUser = req.user?.fhirUser;
  if (!fhirUser || !/^(Practitioner|PractitionerRole)\/[A-Za-z0-9\-.]{1,64}$/.test(fhirUser)) {
    throw new FhirError(403, 'forbidden', 'Your account is not linked to a Practitioner or PractitionerRole, so clinical records cannot be attributed to you');
  }
  const [type, id] = fhirUser.split('/');
  try {
    const r = await deps.repo.read(ctx, type, id);
    if (type === 'PractitionerRole') {
      const p = r.practitioner as Ref | undefined;
      const org = r.organization as Ref | undefined;
      return {
        ref: { reference: fhirUser, ...(p?.display ? { display: p.display } : {}) },
        ...(org?.reference ? { organization: org } : {}),
        ...(p?.reference ? { practitioner: p } : {}),
      };
    }
    const name = (r.name as { text?: string; family?: string; given?: string[] }[] | undefined)?.[0];
    const display = name?.text ?? [name?.family, ...(name?.given ?? [])].filter(Boolean).join('');
    return { ref: { reference: fhirUser, ...(display ? { display } : {}) } };
  } catch (e) {
    if (e instanceof FhirError && (e.status === 404 || e.status === 410)) return { ref: { reference: fhirUser } };
    throw e;
  }
}

export interface TxEntry {
  method: 'POST' | 'PUT';
  /** POST: the type; PUT: Type/id */
  url: string;
  resource: Resource;
  /** urn:uuid:… to let other entries reference a resource created in the same Bundle */
  fullUrl?: string;
  /** versionId the PUT must find (optimistic locking) */
  ifMatch?: string;
}

/** Write the entries all or nothing (one transaction Bundle); returns the stored resources in entry order. */
export async function writeTogether(deps: ModuleDeps, ctx: RequestContext, entries: TxEntry[]): Promise<Resource[]> {
  const bundle: Resource = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: entries.map((e) => ({
      ...(e.fullUrl ? { fullUrl: e.fullUrl } : {}),
      resource: e.resource,
      request: { method: e.method, url: e.url, ...(e.ifMatch ? { ifMatch: `W/"${e.ifMatch}"` } : {}) },
    })),
  };
  let res: Resource;
  try {
    res = await deps.transaction(ctx, bundle);
  } catch (e) {
    // someone else changed the record between our read and this write
    if (e instanceof FhirError && e.status === 412) throw new FhirError(409, 'conflict', 'The record was changed by someone else meanwhile; reload it and try again');
    throw e;
  }
  return ((res.entry as { resource?: Resource }[] | undefined) ?? []).map((e) => e.resource as Resource);
}

/** Fastify schema errors as a 400 OperationOutcome whose expression names the field (body.dose.value → dose.value). */
export function schemaError(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const e = errors[0];
  const params = (e?.params ?? {}) as { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown[] };
  const path = (e?.instancePath ?? '').split('/').filter(Boolean);
  if (params.missingProperty) path.push(params.missingProperty);
  const field = path.join('.') || dataVar;
  let msg = `${field}: ${e?.message ?? 'invalid'}`;
  if (params.allowedValues) msg += ` (${params.allowedValues.map(String).join(', ')})`;
  return new FhirError(400, 'invalid', `Invalid ${dataVar}: ${msg}`, [field]);
}

/** A 422 that names the offending field. */
export function invalidField(field: string, message: string): FhirError {
  return new FhirError(422, 'invalid', message, [field]);
}

export const refTo = (r: Resource): string => `${r.resourceType}/${r.id}`;

/** Parse "Patient/123" (only the given types): undefined when malformed. */
export function parseRef(ref: unknown, types: readonly string[]): { type: string; id: string } | undefined {
  if (typeof ref !== 'string') return undefined;
  const m = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(ref);
  if (!m || !types.includes(m[1])) return undefined;
  return { type: m[1], id: m[2] };
}

/** Read a referenced resource for a request field: a missing one is a 422 naming the field (not a 404 of the route). */
export async function readReferenced(deps: ModuleDeps, ctx: RequestContext, field: string, ref: string, types: readonly string[]): Promise<Resource> {
  const p = parseRef(ref, types);
  if (!p) throw invalidField(field, `${field} must be a reference like ${types[0]}/<id>`);
  try {
    return await deps.repo.read(ctx, p.type, p.id);
  } catch (e) {
    if (e instanceof FhirError && (e.status === 404 || e.status === 410)) throw invalidField(field, `${field}: ${ref} does not exist`);
    throw e;
  }
}

export const OPERATION_OUTCOME_SCHEMA = {
  type: 'object',
  description: 'FHIR OperationOutcome: issue[0].diagnostics says what is wrong, issue[0].expression names the field',
  properties: { resourceType: { type: 'string', enum: ['OperationOutcome'] }, issue: { type: 'array', items: { type: 'object', additionalProperties: true } } },
  additionalProperties: true,
} as const;

export const RESOURCE_SCHEMA = { type: 'object', description: 'a FHIR R4 resource', additionalProperties: true, properties: { resourceType: { type: 'string' }, id: { type: 'string' } } } as const;

/** Error responses every route may answer (documented once). */
export const ERRORS = {
  400: OPERATION_OUTCOME_SCHEMA, 401: OPERATION_OUTCOME_SCHEMA, 403: OPERATION_OUTCOME_SCHEMA, 404: OPERATION_OUTCOME_SCHEMA,
  409: OPERATION_OUTCOME_SCHEMA, 422: OPERATION_OUTCOME_SCHEMA,
} as const;

export const ID_PARAMS = {
  type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[A-Za-z0-9\\-.]{1,64}$' } },
} as const;

/** The patient of a new record and (optionally) the encounter, which must be that patient's: 422 naming the field otherwise. */
export async function patientAndEncounter(deps: ModuleDeps, ctx: RequestContext, patientRef: string, encounterRef?: string): Promise<{ patient: Resource; encounter?: Resource; subject: Ref }> {
  const patient = await readReferenced(deps, ctx, 'patient', patientRef, ['Patient']);
  let encounter: Resource | undefined;
  if (encounterRef) {
    encounter = await readReferenced(deps, ctx, 'encounter', encounterRef, ['Encounter']);
    if ((encounter.subject as Ref | undefined)?.reference !== refTo(patient)) throw invalidField('encounter', `encounter: ${encounterRef} is not an encounter of ${patientRef}`);
  }
  const n = (patient.name as { text?: string; family?: string; given?: string[] }[] | undefined)?.[0];
  const display = n?.text ?? ([n?.family, ...(n?.given ?? [])].filter(Boolean).join('') || undefined);
  return { patient, ...(encounter ? { encounter } : {}), subject: { reference: refTo(patient), ...(display ? { display } : {}) } };
}

/** Route option: a POST without a body is an empty JSON object (for routes whose body fields are all optional). */
export async function emptyBody(req: FastifyRequest): Promise<void> {
  if (req.body === undefined || req.body === null) req.body = {};
}
