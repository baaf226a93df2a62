// Builders of IHE BALP-style R4 AuditEvents (https://profiles.ihe.net/ITI/BALP/) for what the
// platform observes: REST access, failures, logins, break-glass and policy changes.
// Every object literal here lists its keys in canonical order (UTF-16 code units), so an event is
// canonical JSON as built and the ledger serialises it once with JSON.stringify (see markCanonical;
// events.test.ts checks each builder).
import { eventId } from './event-id.js';
import { markCanonical } from './canonical.js';
import type { ReadEvent, WriteEvent } from '../../fhir/store/access.js';
import type { Resource } from '../../fhir/types.js';
import { canonicalText, type PreparedEvent } from './append.js';
import { compactText } from './compact.js';

export interface Actor {
  tenant: string;
  userId?: string;
  username?: string;
  /** the FHIR resource the user is, e.g. PractitionerRole/prole-001 */
  fhirUser?: string;
  roles?: string[];
  clientId?: string;
  ip?: string;
  userAgent?: string;
}

type Coding = { code: string; display?: string; system: string };

const HUIYI = 'https://huiyi.dev/fhir';
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const BALP = 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit';
// Frequent events carry codes without display texts: every byte is hashed, stored and indexed per access.
const REST: Coding = { code: 'rest', system: 'http://terminology.hl7.org/CodeSystem/audit-event-type' };
const RESTFUL = 'http://hl7.org/fhir/restful-interaction';
const SUBTYPE = `${HUIYI}/CodeSystem/audit-event-subtype`;
const SECURITY_ALERT: Coding = { code: '110113', display: 'Security Alert', system: DCM };
const BTG: Coding = { code: 'BTG', display: 'break the glass', system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason' };
const entityType = (code: '1' | '2'): Coding => ({ code, system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type' });
const objectRole = (code: string): Coding => ({ code, system: 'http://terminology.hl7.org/CodeSystem/object-role' });
const dcm = (code: string, display: string): Coding => ({ code, display, system: DCM });

const PATIENT_REF = /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]*)?$/;
const PATIENT_ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** the Patient id a reference string points to, if any */
export function patientIdOf(reference: unknown): string | undefined {
  if (typeof reference !== 'string') return undefined;
  // the usual relative reference, without the unanchored expression's scan (it runs once per returned resource)
  if (reference.startsWith('Patient/') && reference.indexOf('/', 8) < 0) {
    const id = reference.slice(8);
    return PATIENT_ID.test(id) ? id : undefined;
  }
  return PATIENT_REF.exec(reference)?.[1];
}

// The usual Patient-pointing elements; enough to find whose record an access touched without the
// compartment definitions.
const PATIENT_FIELDS = ['subject', 'patient', 'beneficiary', 'individual'];

/** Patient ids a resource belongs to: itself if a Patient, else its subject/patient/… references. */
export function patientsOfResource(r: Resource): string[] {
  if (r.resourceType === 'Patient') return r.id ? [r.id] : [];
  const out = new Set<string>();
  for (const f of PATIENT_FIELDS) {
    const v = r[f];
    for (const ref of Array.isArray(v) ? v : [v]) {
      const id = patientIdOf((ref as { reference?: unknown } | undefined)?.reference);
      if (id) out.add(id);
    }
  }
  return [...out];
}

/** Patient ids named by an AuditEvent's entities. */
export function patientsOf(event: Resource): string[] {
  const out = new Set<string>();
  for (const e of asArray(event.entity)) {
    const id = patientIdOf((e as { what?: { reference?: unknown } })?.what?.reference);
    if (id) out.add(id);
  }
  return [...out];
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** the reference audit_index stores as agent: the requestor's who.reference */
export function requestorOf(event: Resource): string | undefined {
  const agents = asArray(event.agent) as { requestor?: boolean; who?: { reference?: unknown } }[];
  const who = (agents.find((a) => a?.requestor === true) ?? agents.find((a) => typeof a?.who?.reference === 'string'))?.who?.reference;
  return typeof who === 'string' ? who : undefined;
}

const IRCP = { coding: [{ code: 'IRCP', system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType' }] };

const requestorRef = (actor: Actor): string | undefined => actor.fhirUser ?? (actor.userId ? `User/${actor.userId}` : actor.clientId ? `Device/${actor.clientId}` : undefined);

function requestor(actor: Actor, purposeOfUse?: unknown[]): Record<string, unknown> {
  const ref = requestorRef(actor);
  const display = actor.username ?? actor.clientId;
  const who: Record<string, unknown> = {};
  if (display) who.display = display;
  if (ref) who.reference = ref;
  const out: Record<string, unknown> = {};
  if (actor.username) out.altId = actor.username;
  if (actor.userAgent) out.extension = [{ url: `${HUIYI}/StructureDefinition/audit-user-agent`, valueString: actor.userAgent }];
  if (actor.ip) out.network = { address: actor.ip, type: '2' };
  if (purposeOfUse) out.purposeOfUse = purposeOfUse;
  out.requestor = true;
  if (actor.roles?.length) out.role = actor.roles.map((r) => ({ coding: [{ code: r, system: `${HUIYI}/CodeSystem/role` }] }));
  out.type = IRCP;
  out.who = who;
  return out;
}

const SERVER_AGENT = { requestor: false, type: { coding: [{ code: '110153', system: DCM }] }, who: { display: 'huiyi' } };

function agents(actor: Actor, purposeOfUse?: unknown[]): unknown[] {
  const out = [SERVER_AGENT, requestor(actor, purposeOfUse)];
  // the app acting for a user (BALP: a separate agent for the client)
  if (actor.clientId && (actor.userId || actor.fhirUser)) {
    out.push({ requestor: false, type: { coding: [dcm('110150', 'Application')] }, who: { display: actor.clientId, identifier: { value: actor.clientId } } });
  }
  return out;
}

const patientEntity = (id: string) => ({ role: objectRole('1'), type: entityType('1'), what: { reference: `Patient/${id}` } });

interface Parts {
  /** only where a BALP profile fits */
  profile?: string;
  type: Coding;
  subtype?: Coding[];
  action: string;
  outcome?: string;
  outcomeDesc?: string;
  purposeOfEvent?: unknown[];
  agent: unknown[];
  entity?: unknown[];
}

const SOURCE = { observer: { display: 'huiyi' }, type: [{ code: '4', system: 'http://terminology.hl7.org/CodeSystem/security-source-type' }] };

function build(p: Parts): Resource {
  const e: Record<string, unknown> = { action: p.action, agent: p.agent };
  if (p.entity?.length) e.entity = p.entity;
  e.id = eventId();
  if (p.profile) e.meta = { profile: [p.profile] };
  e.outcome = p.outcome ?? '0';
  if (p.outcomeDesc) e.outcomeDesc = p.outcomeDesc;
  if (p.purposeOfEvent) e.purposeOfEvent = p.purposeOfEvent;
  e.recorded = new Date().toISOString();
  e.resourceType = 'AuditEvent';
  e.source = SOURCE;
  if (p.subtype) e.subtype = p.subtype;
  e.type = p.type;
  return markCanonical(e as Resource);
}

// REST reads and writes are most of the ledger, so their events are written straight as text with their
// search columns (no object to build, serialise and index again), in the stored form (compact.ts) only, from
// pieces made once: the chain expands it to the canonical text it hashes. The same event as the other builders
// would make: events.test.ts expands and parses it back and checks each key. accessEvent and writeEvent give
// the parsed object.
const json = JSON.stringify;
const CODED = (role: string, type: '1' | '2') => `"role":${json(objectRole(role))},"type":${json(entityType(type))}`;
const TEXT = {
  head: '{"action":"',
  agent: '","agent":',
  entity: ',"entity":[',
  id: '],"id":"',
  idNoEntity: ',"id":"',
  profile: `","meta":{"profile":["${BALP}.`,
  recorded: '"]},"outcome":"0","recorded":"',
  tail: `","resourceType":"AuditEvent","source":${json(SOURCE)},"subtype":[{"code":`,
  restTail: `,"system":${json(RESTFUL)}}],"type":${json(REST)}}`,
  patient: `{${CODED('1', '1')},"what":{"reference":`,
  domain: `{${CODED('4', '2')},"what":{"reference":`,
  listed: '{"what":{"reference":',
  query: `",${CODED('24', '2')}}`,
};
type Pieces = typeof TEXT;
const STORED = Object.fromEntries(Object.entries(TEXT).map(([k, v]) => [k, compactText(v)])) as Pieces;

// the agents of one actor, stored form: the same for all of a session's requests
const agentJson = new Map<string, string>();
function agentsOf(actor: Actor): string {
  // JSON, not joined strings: a user agent or forwarded address must never make another actor's key
  const key = json([actor.userId, actor.username, actor.fhirUser, actor.roles, actor.clientId, actor.ip, actor.userAgent]);
  let a = agentJson.get(key);
  if (a === undefined) {
    if (agentJson.size >= 1000) agentJson.clear();
    agentJson.set(key, (a = compactText(json(agents(actor)))));
  }
  return a;
}

// ids, types and versions are plain; anything else is escaped
const PLAIN = /^[A-Za-z0-9\-./_]*$/;
const str = (s: string) => (PLAIN.test(s) ? `"${s}"` : json(s));
const versioned = (r: Resource) => `${r.resourceType}/${r.id}${r.meta?.versionId ? `/_history/${r.meta.versionId}` : ''}`;

/** patientsOfResource into a set, without the arrays and sets it makes (once per returned resource) */
function addPatients(r: Resource, out: Set<string>): void {
  if (r.resourceType === 'Patient') {
    if (r.id) out.add(r.id);
    return;
  }
  for (const f of PATIENT_FIELDS) {
    const v = r[f];
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      for (const ref of v) addReferenced(ref, out);
    } else addReferenced(v, out);
  }
}

// the reference added last: a page of one patient's resources names the same patient in each
let lastReference = '';

function addReferenced(ref: unknown, out: Set<string>): void {
  const s = (ref as { reference?: unknown } | null)?.reference;
  if (typeof s !== 'string') return;
  if (s === lastReference) return;
  lastReference = s;
  const id = patientIdOf(s);
  if (id) out.add(id);
}

/**
 * What a REST event says of its access, taken when the access happens (the resources are the caller's objects and
 * may change afterwards): the references it lists and the patients they belong to. restRecord renders it.
 */
export interface RestFacts {
  action: string;
  kind: string;
  interaction: string;
  /** the resources' references (versioned where known), each once, as JSON strings */
  refs: string[];
  /** the patients the resources belong to: every id as found, and those a reference can name (the index's) */
  patients: string[];
  indexed: string[];
  listed: boolean;
  /** base64 of a search's query string */
  query?: string;
}

function restFacts(a: { action: string; kind: string; interaction: string; resources: readonly Resource[]; listed: boolean; query?: string }): RestFacts {
  const patients = new Set<string>();
  lastReference = '';
  const refs: string[] = [];
  const seen = a.resources.length > 1 ? new Set<string>() : undefined;
  for (const r of a.resources) {
    addPatients(r, patients);
    const ref = versioned(r);
    if (seen) {
      if (seen.has(ref)) continue;
      seen.add(ref);
    }
    refs.push(str(ref));
  }
  // the index names the patients a reference can name (as ledgerIndex reads them back)
  const indexed: string[] = [];
  for (const p of patients) if (PATIENT_ID.test(p)) indexed.push(p);
  return {
    action: a.action, kind: a.kind, interaction: a.interaction, refs, patients: [...patients], indexed, listed: a.listed,
    ...(a.query === undefined ? {} : { query: Buffer.from(a.query).toString('base64') }),
  };
}

/** The event of REST facts by `actor`, recorded now, in its stored form (compact.ts) with its search columns. */
export function restRecord(actor: Actor, f: RestFacts): PreparedEvent {
  const now = Date.now();
  const id = eventId(now);
  const tail = `${f.patients.length ? 'Patient' : ''}${f.kind}`;
  const P = STORED;
  let entity = '';
  for (const p of f.patients) entity += `${entity ? ',' : ''}${P.patient}${str(`Patient/${p}`)}}}`;
  const open = f.listed ? P.listed : P.domain;
  for (const d of f.refs) entity += `${entity ? ',' : ''}${open}${d}}}`;
  if (f.query !== undefined) entity += `${entity ? ',' : ''}{"query":"${f.query}${P.query}`;
  const stored =
    `${P.head}${f.action}${P.agent}${agentsOf(actor)}${entity ? `${P.entity}${entity}${P.id}` : P.idNoEntity}${id}` +
    `${P.profile}${tail}${P.recorded}${new Date(now).toISOString()}${P.tail}${str(f.interaction)}${P.restTail}`;
  return { stored, index: { columns: [id, now, requestorRef(actor) ?? null, f.interaction, f.action, f.indexed.length], recorded: now, patients: f.indexed } };
}

/** The facts of a read/vread/search/history: every returned resource and the patients they belong to. */
export function accessFacts(e: ReadEvent): RestFacts {
  const search = e.interaction === 'search';
  const read = e.interaction === 'read' || e.interaction === 'vread';
  return restFacts({
    action: read ? 'R' : 'E', kind: read ? 'Read' : 'Query', interaction: e.interaction, resources: e.resources,
    // search results are listed as bare references (a page would otherwise repeat the same codings 20×)
    listed: search || e.interaction === 'history',
    ...(search ? { query: queryString(e) } : {}),
  });
}

/** read/vread/search/history, recorded now (accessFacts, then restRecord). */
export const accessRecord = (actor: Actor, e: ReadEvent): PreparedEvent => restRecord(actor, accessFacts(e));

const WRITE_ACTIONS = { create: 'C', update: 'U', delete: 'D' } as const;

/** create/update/delete of one resource, with its version. */
export function writeRecord(actor: Actor, e: WriteEvent): PreparedEvent {
  const kind = e.action === 'create' ? 'Create' : e.action === 'update' ? 'Update' : 'Delete';
  return restRecord(actor, restFacts({ action: WRITE_ACTIONS[e.action], kind, interaction: e.action, resources: [e.resource], listed: false }));
}

const parsed = (r: PreparedEvent): Resource => markCanonical(JSON.parse(canonicalText(r)) as Resource);
export const accessEvent = (actor: Actor, e: ReadEvent): Resource => parsed(accessRecord(actor, e));
export const writeEvent = (actor: Actor, e: WriteEvent): Resource => parsed(writeRecord(actor, e));

/** The query string of a search, as BALP's query entity carries it (base64). */
function queryString(e: ReadEvent): string {
  const q = (e.params ?? []).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return `${e.type ?? ''}?${q}`;
}

function methodAction(method: string, path: string): string {
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD') return 'R';
  if (m === 'PUT' || m === 'PATCH') return 'U';
  if (m === 'DELETE') return 'D';
  return /_search|\$/.test(path) ? 'E' : 'C';
}

/** A request the platform refused or failed: outcome 4 for 4xx, 8 for 5xx. */
export function failureEvent(actor: Actor, f: { method: string; path: string; status: number; message: string }): Resource {
  const patient = /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})(?=[/?#]|$)/.exec(f.path)?.[1];
  return build({
    type: REST,
    action: methodAction(f.method, f.path),
    outcome: f.status >= 500 ? '8' : '4',
    outcomeDesc: `${f.status} ${f.message}`,
    agent: agents(actor),
    entity: [
      ...(patient ? [patientEntity(patient)] : []),
      { name: `${f.method.toUpperCase()} ${f.path}`, role: objectRole('4'), type: entityType('2') },
    ],
  });
}

/** A login attempt (success or failure) or, with logout, the end of a session. */
export function loginEvent(actor: Actor, l: { username: string; success: boolean; reason?: string; logout?: boolean }): Resource {
  return build({
    type: dcm('110114', 'User Authentication'),
    subtype: [l.logout ? dcm('110123', 'Logout') : dcm('110122', 'Login')],
    action: 'E',
    outcome: l.success ? '0' : '4',
    outcomeDesc: l.reason,
    agent: agents({ ...actor, username: l.username }),
  });
}

/** Emergency access to a patient's record outside the caller's normal permissions. */
export function breakGlassEvent(actor: Actor, b: { patient: string; reason: string }): Resource {
  const id = patientIdOf(b.patient) ?? b.patient;
  const purpose = [{ coding: [BTG], text: b.reason }];
  return build({
    type: SECURITY_ALERT,
    subtype: [{ code: 'break-glass', display: 'Break-glass access', system: SUBTYPE }, dcm('110127', 'Emergency Override Started')],
    action: 'E',
    purposeOfEvent: [{ coding: [BTG] }],
    agent: agents(actor, purpose),
    entity: [patientEntity(id)],
  });
}

/** A change of a role's access policy; before and after as JSON. */
export function policyChangeEvent(actor: Actor, c: { role: string; before: unknown; after: unknown }): Resource {
  return build({
    type: SECURITY_ALERT,
    subtype: [{ code: 'policy-change', display: 'Access policy change', system: SUBTYPE }, dcm('110136', 'Security Roles Changed')],
    action: 'U',
    agent: agents(actor),
    entity: [
      {
        detail: [
          { type: 'before', valueString: JSON.stringify(c.before ?? null) },
          { type: 'after', valueString: JSON.stringify(c.after ?? null) },
        ],
        name: c.role,
        role: objectRole('13'),
        type: entityType('2'),
      },
    ],
  });
}

/** An administrator's change of a user account (created, disabled, enabled, password or TOTP reset); no secrets. */
export function userChangeEvent(actor: Actor, c: { change: 'create' | 'disable' | 'enable' | 'reset-password' | 'reset-totp'; username: string; userId: string; before?: unknown; after?: unknown }): Resource {
  return attributesChanged(actor, {
    code: `user-${c.change}`, display: `User account ${c.change}`, action: c.change === 'create' ? 'C' : 'U',
    what: { system: `${HUIYI}/sid/user`, value: c.userId }, name: c.username, change: c.change, before: c.before, after: c.after,
  });
}

/** An administrator registered or disabled an OAuth client (its public description; never the secret). */
export function clientChangeEvent(actor: Actor, c: { change: 'register' | 'disable'; clientId: string; client?: unknown }): Resource {
  return attributesChanged(actor, {
    code: `client-${c.change}`, display: `OAuth client ${c.change}`, action: c.change === 'register' ? 'C' : 'U',
    what: { system: `${HUIYI}/sid/oauth-client`, value: c.clientId }, name: c.clientId, change: c.change, after: c.client,
  });
}

/** DICOM 110137 "User Security Attributes Changed" about one account or client. */
function attributesChanged(actor: Actor, c: { code: string; display: string; action: 'C' | 'U'; what: { system: string; value: string }; name: string; change: string; before?: unknown; after?: unknown }): Resource {
  return build({
    type: SECURITY_ALERT,
    subtype: [{ code: c.code, display: c.display, system: SUBTYPE }, dcm('110137', 'User Security Attributes Changed')],
    action: c.action,
    agent: agents(actor),
    entity: [
      {
        detail: [
          { type: 'change', valueString: c.change },
          ...(c.before !== undefined ? [{ type: 'before', valueString: JSON.stringify(c.before) }] : []),
          ...(c.after !== undefined ? [{ type: 'after', valueString: JSON.stringify(c.after) }] : []),
        ],
        name: c.name,
        role: objectRole('11'),
        type: entityType('2'),
        what: { identifier: c.what },
      },
    ],
  });
}
