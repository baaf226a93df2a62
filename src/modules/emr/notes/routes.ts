// Clinical notes API (/api/emr/notes…): drafts, signing and amendments of FHIR Compositions.
//
// Amendments are new versions of the same Composition (status `amended`) rather than a new Composition that
// relatesTo/replaces the old one: the note keeps one identity (everything that points at it still does), the signed
// text stays readable as its version in the history (vread), every change carries its own Provenance with the
// amender's signature and the revised version as entity, and FHIR defines `amended` for exactly this ("modified after
// being marked final"). relatesTo/replaces is for a document that supersedes another one; a hospital can still
// export documents that way.
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { ModuleDeps } from '../../module.js';
import type { RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { FhirError, conflict } from '../../../fhir/errors.js';
import { NOTE_TEMPLATES, noteTemplate, templateOf, type NoteTemplate } from './templates.js';
import { buildSections, cleanText, compositionType, missingRequired, noteView, readSections, type Attester } from './composition.js';
import {
  ERRORS, ID_PARAMS, RESOURCE_SCHEMA, actorOf, emptyBody, invalidField, patientAndEncounter, refTo, schemaError, writeTogether, type Actor, type Ref,
} from './support.js';

const PROVENANCE_PARTICIPANT = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';
const SIGNATURE_TYPE = 'urn:iso-astm:E1762-95:2013';
const MAX_SECTION = 20000;

const sectionsSchema = {
  type: 'object',
  description: 'section texts by section key (see GET /note-templates); blank = empty',
  additionalProperties: { type: 'string', maxLength: MAX_SECTION },
} as const;

const noteViewSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    id: { type: 'string' }, version: { type: 'string' }, status: { type: 'string', enum: ['preliminary', 'final', 'amended', 'entered-in-error'] },
    template: { type: 'string' }, title: { type: 'string' }, patient: { type: 'string' }, encounter: { type: 'string' }, date: { type: 'string' },
    authors: { type: 'array', items: { type: 'object', additionalProperties: true } },
    signers: { type: 'array', items: { type: 'object', additionalProperties: true } },
    sections: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

const noteResponse = {
  type: 'object',
  properties: { note: noteViewSchema, composition: RESOURCE_SCHEMA, provenance: RESOURCE_SCHEMA },
  additionalProperties: false,
} as const;

const TAGS = ['emr'];

export async function registerNoteRoutes(app: FastifyInstance, deps: ModuleDeps): Promise<void> {
  const opts = { schemaErrorFormatter: schemaError };

  app.get('/note-templates', {
    ...opts,
    schema: {
      tags: TAGS, summary: 'Note templates (门诊病历, 入院记录, 病程记录, 出院小结)',
      description: 'Sections with zh/en titles, LOINC codes where they exist, and which sections must be filled before signing. Source: 《病历书写基本规范》(卫医政发〔2010〕11号).',
      response: { 200: { type: 'object', properties: { templates: { type: 'array', items: { type: 'object', additionalProperties: true } } } }, ...ERRORS },
    },
  }, async () => ({ templates: NOTE_TEMPLATES }));

  app.get('/notes', {
    ...opts,
    schema: {
      tags: TAGS, summary: "A patient's notes, newest first",
      querystring: {
        type: 'object', required: ['patient'], additionalProperties: false,
        properties: { patient: { type: 'string', pattern: '^Patient/[A-Za-z0-9\\-.]{1,64}$' }, encounter: { type: 'string', pattern: '^Encounter/[A-Za-z0-9\\-.]{1,64}$' } },
      },
      response: { 200: { type: 'object', properties: { notes: { type: 'array', items: noteViewSchema } } }, ...ERRORS },
    },
  }, async (req) => {
    const q = req.query as { patient: string; encounter?: string };
    const ctx = deps.context(req);
    const params: [string, string][] = [['subject', q.patient], ['_sort', '-date'], ['_count', '200']];
    if (q.encounter) params.push(['encounter', q.encounter]);
    const r = await deps.repo.search(ctx, { types: ['Composition'], params });
    return { notes: r.matches.filter((c) => templateOf(c.type)).map(noteView) };
  });

  app.post('/notes', {
    ...opts,
    schema: {
      tags: TAGS, summary: 'Start a note (a draft Composition, status preliminary) from a template',
      body: {
        type: 'object', required: ['patient', 'template'], additionalProperties: false,
        properties: {
          patient: { type: 'string', description: 'Patient/<id>' },
          encounter: { type: 'string', description: 'Encounter/<id> of this patient' },
          template: { type: 'string', enum: NOTE_TEMPLATES.map((t) => t.key) },
          title: { type: 'string', maxLength: 200 },
          sections: sectionsSchema,
        },
      },
      response: { 201: noteResponse, ...ERRORS },
    },
  }, async (req, reply) => {
    const b = req.body as { patient: string; encounter?: string; template: string; title?: string; sections?: Record<string, string> };
    const ctx = deps.context(req);
    const actor = await actorOf(deps, req, ctx);
    const t = noteTemplate(b.template) as NoteTemplate;
    const { subject } = await patientAndEncounter(deps, ctx, b.patient, b.encounter);
    const texts = checkSections(t, b.sections ?? {});
    const composition: Resource = {
      resourceType: 'Composition',
      status: 'preliminary',
      type: compositionType(t),
      subject,
      ...(b.encounter ? { encounter: { reference: b.encounter } } : {}),
      date: new Date().toISOString(),
      author: [actor.ref],
      title: b.title?.trim() || t.title.zh,
      confidentiality: 'N',
      ...sectionsOf(t, texts),
    };
    const created = await deps.repo.create(ctx, composition);
    return reply.code(201).send({ note: noteView(created.resource), composition: created.resource });
  });

  app.get('/notes/:id', {
    ...opts,
    schema: { tags: TAGS, summary: 'A note (current version) with its latest Provenance', params: ID_PARAMS, response: { 200: noteResponse, ...ERRORS } },
  }, async (req) => {
    const ctx = deps.context(req);
    const c = await readNote(deps, ctx, (req.params as { id: string }).id);
    const prov = await provenances(deps, ctx, c.id as string);
    const latest = prov.get(c.meta?.versionId as string);
    return { note: noteView(c), composition: c, ...(latest ? { provenance: latest } : {}) };
  });

  app.put('/notes/:id', {
    ...opts,
    schema: {
      tags: TAGS, summary: 'Edit a draft (only its author, only while preliminary)',
      params: ID_PARAMS,
      body: {
        type: 'object', required: ['sections'], additionalProperties: false,
        properties: { sections: sectionsSchema, title: { type: 'string', maxLength: 200 }, version: { type: 'string', description: 'the version being edited (409 when the note changed since)' } },
      },
      response: { 200: noteResponse, ...ERRORS },
    },
  }, async (req) => {
    const b = req.body as { sections: Record<string, string>; title?: string; version?: string };
    const ctx = deps.context(req);
    const actor = await actorOf(deps, req, ctx);
    const c = await readNote(deps, ctx, (req.params as { id: string }).id, b.version);
    const t = templateFor(c);
    if (c.status !== 'preliminary') throw conflict(`The note is ${c.status === 'final' ? 'signed' : c.status}: it can no longer be edited; amend it instead (POST /api/emr/notes/${c.id}/amend)`);
    assertAuthor(c, actor);
    const texts = { ...readSections(c), ...checkSections(t, b.sections) };
    const { meta: _meta, section: _old, ...rest } = c;
    const next: Resource = { ...rest, date: new Date().toISOString(), ...sectionsOf(t, texts), ...(b.title?.trim() ? { title: b.title.trim() } : {}) };
    const [stored] = await writeTogether(deps, ctx, [{ method: 'PUT', url: refTo(c), resource: next, ifMatch: c.meta?.versionId as string }]);
    return { note: noteView(stored), composition: stored };
  });

  app.delete('/notes/:id', {
    ...opts,
    schema: { tags: TAGS, summary: 'Discard a draft (only its author; signed notes are never deleted)', params: ID_PARAMS, response: { 204: { type: 'null' }, ...ERRORS } },
  }, async (req, reply) => {
    const ctx = deps.context(req);
    const actor = await actorOf(deps, req, ctx);
    const c = await readNote(deps, ctx, (req.params as { id: string }).id);
    if (c.status !== 'preliminary') throw conflict('A signed note cannot be deleted; amend it instead');
    assertAuthor(c, actor);
    await deps.repo.delete(ctx, 'Composition', c.id as string);
    return reply.code(204).send();
  });

  app.post('/notes/:id/sign', {
    ...opts,
    preValidation: emptyBody,
    schema: {
      tags: TAGS, summary: 'Sign a draft: status final, legal attester, and a Provenance with the signature, in one transaction',
      description: 'Only the author signs; every required section must be filled (422 naming them). Signing a signed note is a 409. `sections` (optional) saves last edits in the same version.',
      params: ID_PARAMS,
      body: { type: 'object', additionalProperties: false, properties: { sections: sectionsSchema, version: { type: 'string' } } },
      response: { 200: noteResponse, ...ERRORS },
    },
  }, async (req) => {
    const b = (req.body ?? {}) as { sections?: Record<string, string>; version?: string };
    const ctx = deps.context(req);
    const actor = await actorOf(deps, req, ctx);
    const c = await readNote(deps, ctx, (req.params as { id: string }).id, b.version);
    const t = templateFor(c);
    if (c.status !== 'preliminary') throw conflict(`The note is already signed (status ${c.status}); to change it, amend it`);
    assertAuthor(c, actor);
    const texts = { ...readSections(c), ...checkSections(t, b.sections ?? {}) };
    assertComplete(t, texts);
    const now = new Date().toISOString();
    const next: Resource = {
      ...c, status: 'final', date: now,
      ...sectionsOf(t, texts),
      attester: [{ mode: 'legal', time: now, party: actor.ref }],
    };
    delete next.meta;
    const { stored, provenance } = await writeSigned(deps, ctx, c, next, actor, now, {
      activity: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DocumentCompletion', code: 'LA', display: 'legally authenticated' }], text: '签名' },
      reason: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT', display: 'treatment' }] }],
    });
    return { note: noteView(stored), composition: stored, provenance };
  });

  app.post('/notes/:id/amend', {
    ...opts,
    schema: {
      tags: TAGS, summary: 'Amend a signed note: a new version (status amended) with its own signed Provenance; the signed version stays in the history',
      params: ID_PARAMS,
      body: {
        type: 'object', required: ['sections', 'reason'], additionalProperties: false,
        properties: { sections: sectionsSchema, reason: { type: 'string', minLength: 1, maxLength: 500, description: 'why the signed note is changed' }, version: { type: 'string' } },
      },
      response: { 200: noteResponse, ...ERRORS },
    },
  }, async (req) => {
    const b = req.body as { sections: Record<string, string>; reason: string; version?: string };
    if (!b.reason.trim()) throw invalidField('reason', 'reason: say why the signed note is amended');
    const ctx = deps.context(req);
    const actor = await actorOf(deps, req, ctx);
    const c = await readNote(deps, ctx, (req.params as { id: string }).id, b.version);
    const t = templateFor(c);
    if (c.status === 'preliminary') throw conflict('The note is a draft: edit it (PUT) and sign it; amendments are for signed notes');
    if (c.status !== 'final' && c.status !== 'amended') throw conflict(`A note with status ${String(c.status)} cannot be amended`);
    const before = readSections(c);
    const texts = { ...before, ...checkSections(t, b.sections) };
    assertComplete(t, texts);
    const changed = t.sections.some((s) => cleanText(before[s.key]) !== cleanText(texts[s.key]));
    if (!changed) throw invalidField('sections', 'sections: the amendment changes nothing');
    const now = new Date().toISOString();
    const authors = (c.author as Ref[]) ?? [];
    const next: Resource = {
      ...c, status: 'amended', date: now,
      ...sectionsOf(t, texts),
      author: authors.some((a) => a.reference === actor.ref.reference) ? authors : [...authors, actor.ref],
      attester: [...((c.attester as Attester[] | undefined) ?? []), { mode: 'legal', time: now, party: actor.ref }],
    };
    delete next.meta;
    const { stored, provenance } = await writeSigned(deps, ctx, c, next, actor, now, {
      activity: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: 'UPDATE', display: 'revise' }], text: '修改（已签名病历）' },
      reason: [{ text: b.reason.trim() }],
    });
    return { note: noteView(stored), composition: stored, provenance };
  });

  app.get('/notes/:id/history', {
    ...opts,
    schema: {
      tags: TAGS, summary: 'Every version of a note (drafts, the signed version, amendments), oldest first, each with its Provenance',
      params: ID_PARAMS,
      response: {
        200: { type: 'object', properties: { versions: { type: 'array', items: { type: 'object', properties: { note: noteViewSchema, provenance: RESOURCE_SCHEMA }, additionalProperties: false } } } },
        ...ERRORS,
      },
    },
  }, async (req) => {
    const ctx = deps.context(req);
    const c = await readNote(deps, ctx, (req.params as { id: string }).id);
    const versions: Resource[] = [];
    let cursor: string | undefined;
    do {
      const page = await deps.repo.history(ctx, { type: 'Composition', id: c.id as string, count: 100, ...(cursor ? { cursor } : {}) });
      for (const e of page.entries) if (e.resource) versions.push(e.resource);
      cursor = page.nextCursor;
    } while (cursor);
    versions.sort((a, b) => Number(a.meta?.versionId) - Number(b.meta?.versionId));
    const prov = await provenances(deps, ctx, c.id as string);
    return { versions: versions.map((v) => ({ note: noteView(v), ...(prov.get(v.meta?.versionId as string) ? { provenance: prov.get(v.meta?.versionId as string) } : {}) })) };
  });

  app.get('/notes/:id/versions/:version', {
    ...opts,
    schema: {
      tags: TAGS, summary: 'One version of a note (e.g. the originally signed text of an amended note) and its Provenance',
      params: { type: 'object', required: ['id', 'version'], properties: { id: ID_PARAMS.properties.id, version: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } } },
      response: { 200: noteResponse, ...ERRORS },
    },
  }, async (req) => {
    const { id, version } = req.params as { id: string; version: string };
    const ctx = deps.context(req);
    const c = await deps.repo.vread(ctx, 'Composition', id, version);
    if (!templateOf(c.type)) throw new FhirError(404, 'not-found', `Composition/${id} is not a Huiyi clinical note`);
    const p = (await provenances(deps, ctx, id)).get(version);
    return { note: noteView(c), composition: c, ...(p ? { provenance: p } : {}) };
  });

}

/** Composition.section, absent when nothing is written yet (an empty array is not valid FHIR). */
function sectionsOf(t: NoteTemplate, texts: Record<string, string>): { section?: ReturnType<typeof buildSections> } {
  const section = buildSections(t, texts);
  return section.length ? { section } : {};
}

async function readNote(deps: ModuleDeps, ctx: RequestContext, id: string, version?: string): Promise<Resource> {
  const c = await deps.repo.read(ctx, 'Composition', id);
  if (!templateOf(c.type)) throw new FhirError(404, 'not-found', `Composition/${id} is not a Huiyi clinical note`);
  if (version !== undefined && version !== c.meta?.versionId) {
    throw conflict(`The note changed since you opened it (you edited version ${version}, it is now at version ${String(c.meta?.versionId)}); reload it`);
  }
  return c;
}

function templateFor(c: Resource): NoteTemplate {
  return templateOf(c.type) as NoteTemplate;
}

function assertAuthor(c: Resource, actor: Actor): void {
  const authors = (c.author as Ref[] | undefined) ?? [];
  if (!authors.some((a) => a.reference === actor.ref.reference)) {
    throw new FhirError(403, 'forbidden', 'Only the author of a draft may edit or sign it');
  }
}

/** Section keys must be the template's; texts are trimmed of trailing blanks. */
function checkSections(t: NoteTemplate, sections: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(sections)) {
    if (!t.sections.some((s) => s.key === k)) {
      throw invalidField(`sections.${k}`, `sections.${k}: ${t.title.en} (${t.title.zh}) has no section "${k}"; its sections are ${t.sections.map((s) => s.key).join(', ')}`);
    }
    out[k] = v;
  }
  return out;
}

function assertComplete(t: NoteTemplate, texts: Record<string, string>): void {
  const missing = missingRequired(t, texts);
  if (!missing.length) return;
  const names = missing.map((k) => t.sections.find((s) => s.key === k)?.title.zh ?? k);
  throw new FhirError(422, 'required', `Required sections are empty: ${names.join('、')} (${missing.join(', ')})`, missing.map((k) => `sections.${k}`));
}

/** The new version and the Provenance of its signature, together (never one without the other). */
async function writeSigned(
  deps: ModuleDeps, ctx: RequestContext, current: Resource, next: Resource, actor: Actor, now: string,
  what: { activity: Record<string, unknown>; reason: Record<string, unknown>[] },
): Promise<{ stored: Resource; provenance: Resource }> {
  const version = Number(current.meta?.versionId);
  const target = `${refTo(current)}/_history/${version + 1}`;
  const provenance: Resource = {
    resourceType: 'Provenance',
    target: [{ reference: target }],
    recorded: now,
    activity: what.activity,
    reason: what.reason,
    agent: [{
      type: { coding: [{ system: PROVENANCE_PARTICIPANT, code: 'attester', display: 'Attester' }] },
      who: actor.ref,
      ...(actor.organization ? { onBehalfOf: actor.organization } : {}),
    }],
    ...(current.status !== 'preliminary' ? { entity: [{ role: 'revision', what: { reference: `${refTo(current)}/_history/${version}` } }] } : {}),
    signature: [{
      type: [{ system: SIGNATURE_TYPE, code: current.status === 'preliminary' ? '1.2.840.10065.1.12.1.1' : '1.2.840.10065.1.12.1.5', display: current.status === 'preliminary' ? "Author's Signature" : 'Verification Signature' }],
      when: now,
      who: actor.ref,
    }],
  };
  const [stored, prov] = await writeTogether(deps, ctx, [
    { method: 'PUT', url: refTo(current), resource: next, ifMatch: String(version) },
    { method: 'POST', url: 'Provenance', resource: provenance, fullUrl: `urn:uuid:${randomUUID()}` },
  ]);
  if (stored.meta?.versionId !== String(version + 1)) {
    // cannot happen with ifMatch; if it did, the Provenance would name the wrong version
    throw new FhirError(500, 'exception', `Signed version is ${String(stored.meta?.versionId)}, expected ${version + 1}`);
  }
  return { stored, provenance: prov };
}

/** Provenances of a note by the version they target. */
async function provenances(deps: ModuleDeps, ctx: RequestContext, id: string): Promise<Map<string, Resource>> {
  const r = await deps.repo.search(ctx, { types: ['Provenance'], params: [['target', `Composition/${id}`], ['_count', '200']] });
  const out = new Map<string, Resource>();
  const re = new RegExp(`^Composition/${id.replace(/[.-]/g, '\\$&')}/_history/(\\d+)$`);
  for (const p of r.matches) {
    for (const t of (p.target as Ref[] | undefined) ?? []) {
      const m = re.exec(t.reference ?? '');
      if (m) out.set(m[1], p);
    }
  }
  return out;
}
