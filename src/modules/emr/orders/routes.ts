// Orders API (/api/emr/orders…): medication, lab and imaging orders, each step of their loop, and the trail.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ModuleDeps } from '../../module.js';
import type { Resource } from '../../../fhir/types.js';
import { ERRORS, RESOURCE_SCHEMA, actorOf, emptyBody, invalidField, patientAndEncounter, schemaError } from '../notes/support.js';
import { DOSE_UNITS, FREQUENCIES, ROUTES } from './medication-vocabulary.js';
import { medicationRequest, serviceRequest, type MedicationOrderInput, type ServiceOrderInput } from './order-builders.js';
import { REFERENCE_RANGES } from './reference-ranges.js';
import { ANALYTES, TESTS, orderable, type OrderableTest } from './test-catalogue.js';
import { STEPS, buildTrail, loadRelated, relatedTo, searchAll, type Trail } from './trail.js';
import {
  administer, cancel, dispense, loadOrder, perform, receive, result,
  type AdministerInput, type DispenseInput, type LabResultInput, type StepContext,
} from './workflow.js';

const TAGS = ['emr'];
const ID = '^[A-Za-z0-9\\-.]{1,64}$';
const PATIENT_REF = '^Patient/[A-Za-z0-9\\-.]{1,64}$';
const ENCOUNTER_REF = '^Encounter/[A-Za-z0-9\\-.]{1,64}$';

const trailSchema = {
  type: 'object',
  additionalProperties: true,
  description: 'the order and its closed loop: steps (ordered → received → performed/dispensed → resulted/administered) with time and actor, and the resources of each step',
  properties: {
    ref: { type: 'string' }, kind: { type: 'string', enum: ['medication', 'laboratory', 'imaging'] }, title: { type: 'string' }, status: { type: 'string' },
    current: { type: 'string' }, steps: { type: 'array', items: { type: 'object', additionalProperties: true } },
    flags: { type: 'object', additionalProperties: true },
    task: RESOURCE_SCHEMA, report: RESOURCE_SCHEMA,
    observations: { type: 'array', items: RESOURCE_SCHEMA }, dispenses: { type: 'array', items: RESOURCE_SCHEMA }, administrations: { type: 'array', items: RESOURCE_SCHEMA },
  },
} as const;
const orderResponse = { type: 'object', properties: { order: RESOURCE_SCHEMA, trail: trailSchema }, additionalProperties: false } as const;
const familyParams = (families: readonly string[]) => ({
  type: 'object', required: ['family', 'id'], additionalProperties: false,
  properties: { family: { type: 'string', enum: families, description: 'medication (MedicationRequest) or service (ServiceRequest: lab and imaging)' }, id: { type: 'string', pattern: ID } },
});
const quantity = (units: readonly string[]) => ({
  type: 'object', required: ['value', 'unit'], additionalProperties: false,
  properties: { value: { type: 'number', exclusiveMinimum: 0, maximum: 100000 }, unit: { type: 'string', enum: units } },
});
const UNIT_CODES = DOSE_UNITS.map((u) => u.code);

type Family = 'medication' | 'service';

export async function registerOrderRoutes(app: FastifyInstance, deps: ModuleDeps): Promise<void> {
  const opts = { schemaErrorFormatter: schemaError };
  const stepContext = async (req: FastifyRequest): Promise<StepContext> => {
    const ctx = deps.context(req);
    return { deps, ctx, actor: await actorOf(deps, req, ctx), now: new Date().toISOString() };
  };
  const trailOf = async (s: { deps: ModuleDeps; ctx: StepContext['ctx'] }, order: Resource): Promise<Trail> =>
    buildTrail(order, await loadRelated(s.deps, s.ctx, [order]));
  const reply = async (s: StepContext, family: Family, id: string) => {
    const order = await loadOrder(deps, s.ctx, family, id);
    return { order, trail: await trailOf(s, order) };
  };

  app.get('/order-catalogue', {
    ...opts,
    schema: {
      tags: TAGS, summary: 'What can be ordered: medication routes, frequencies and dose units; lab and imaging tests (LOINC) with the reported analytes and their reference intervals',
      response: { 200: { type: 'object', additionalProperties: true }, ...ERRORS },
    },
  }, async () => ({ routes: ROUTES, frequencies: FREQUENCIES, doseUnits: DOSE_UNITS, tests: TESTS, analytes: ANALYTES, referenceRanges: REFERENCE_RANGES, steps: STEPS }));

  app.get('/orders', {
    ...opts,
    schema: {
      tags: TAGS, summary: "A patient's orders (medication, lab, imaging), newest first, each with its trail",
      querystring: { type: 'object', required: ['patient'], additionalProperties: false, properties: { patient: { type: 'string', pattern: PATIENT_REF }, encounter: { type: 'string', pattern: ENCOUNTER_REF } } },
      response: { 200: { type: 'object', properties: { orders: { type: 'array', items: trailSchema } } }, ...ERRORS },
    },
  }, async (req) => {
    const q = req.query as { patient: string; encounter?: string };
    const ctx = deps.context(req);
    const params: [string, string][] = [['subject', q.patient]];
    if (q.encounter) params.push(['encounter', q.encounter]);
    const [meds, services] = await Promise.all([
      searchAll(deps, ctx, 'MedicationRequest', [...params, ['intent', 'order']]),
      searchAll(deps, ctx, 'ServiceRequest', [...params, ['intent', 'order']]),
    ]);
    const orders = [...meds, ...services];
    const related = await loadRelated(deps, ctx, orders);
    const trails = orders.map((o) => buildTrail(o, relatedTo(o, related)));
    trails.sort((a, b) => String(b.authoredOn ?? '').localeCompare(String(a.authoredOn ?? '')));
    return { orders: trails };
  });

  app.post('/orders/medication', {
    ...opts,
    schema: {
      tags: TAGS, summary: 'Order a medication (MedicationRequest: dose quantity and unit, route, frequency)',
      body: {
        type: 'object', required: ['patient', 'medication', 'dose', 'route', 'frequency'], additionalProperties: false,
        properties: {
          patient: { type: 'string', description: 'Patient/<id>' },
          encounter: { type: 'string', description: 'Encounter/<id> of this patient' },
          medication: { type: 'string', minLength: 1, maxLength: 200, description: 'drug name, strength and form, e.g. 阿莫西林胶囊 0.25g' },
          dose: quantity(UNIT_CODES),
          route: { type: 'string', enum: ROUTES.map((r) => r.code) },
          frequency: { type: 'string', enum: FREQUENCIES.map((f) => f.code) },
          days: { type: 'integer', minimum: 1, maximum: 90, description: 'days of supply' },
          note: { type: 'string', maxLength: 500 },
        },
      },
      response: { 201: orderResponse, ...ERRORS },
    },
  }, async (req, res) => {
    const b = req.body as MedicationOrderInput;
    if (!b.medication.trim()) throw invalidField('medication', 'medication: name the drug');
    const s = await stepContext(req);
    const { subject, encounter } = await patientAndEncounter(deps, s.ctx, b.patient, b.encounter);
    const created = await deps.repo.create(s.ctx, medicationRequest(b, subject, encounter, s.actor, s.now));
    return res.code(201).send({ order: created.resource, trail: await trailOf(s, created.resource) });
  });

  app.post('/orders/service', {
    ...opts,
    schema: {
      tags: TAGS, summary: 'Order a lab test or an imaging examination from the catalogue (ServiceRequest)',
      body: {
        type: 'object', required: ['patient', 'test'], additionalProperties: false,
        properties: {
          patient: { type: 'string' },
          encounter: { type: 'string' },
          test: { type: 'string', enum: TESTS.map((t) => t.key), description: 'catalogue key (GET /order-catalogue)' },
          priority: { type: 'string', enum: ['routine', 'urgent', 'stat'] },
          reason: { type: 'string', maxLength: 500, description: '检查目的 / 临床诊断' },
          note: { type: 'string', maxLength: 500 },
        },
      },
      response: { 201: orderResponse, ...ERRORS },
    },
  }, async (req, res) => {
    const b = req.body as ServiceOrderInput;
    const s = await stepContext(req);
    const { subject, encounter } = await patientAndEncounter(deps, s.ctx, b.patient, b.encounter);
    const created = await deps.repo.create(s.ctx, serviceRequest(b, orderable(b.test) as OrderableTest, subject, encounter, s.actor, s.now));
    return res.code(201).send({ order: created.resource, trail: await trailOf(s, created.resource) });
  });

  app.get('/orders/:family/:id', {
    ...opts,
    schema: { tags: TAGS, summary: 'An order and its trail', params: familyParams(['medication', 'service']), response: { 200: orderResponse, ...ERRORS } },
  }, async (req) => {
    const { family, id } = req.params as { family: Family; id: string };
    const ctx = deps.context(req);
    const order = await loadOrder(deps, ctx, family, id);
    return { order, trail: await trailOf({ deps, ctx }, order) };
  });

  app.post('/orders/:family/:id/receive', {
    ...opts,
    schema: {
      tags: TAGS, summary: 'The lab / imaging department receives the order, or the pharmacist reviews and accepts the prescription (a Task owned by the department)',
      params: familyParams(['medication', 'service']), response: { 200: orderResponse, ...ERRORS },
    },
  }, async (req) => {
    const { family, id } = req.params as { family: Family; id: string };
    const s = await stepContext(req);
    await receive(s, await loadOrder(deps, s.ctx, family, id));
    return reply(s, family, id);
  });

  app.post('/orders/:family/:id/perform', {
    ...opts,
    schema: { tags: TAGS, summary: 'The lab / imaging department performs the order (Task in progress)', params: familyParams(['service']), response: { 200: orderResponse, ...ERRORS } },
  }, async (req) => {
    const { family, id } = req.params as { family: Family; id: string };
    const s = await stepContext(req);
    await perform(s, await loadOrder(deps, s.ctx, family, id));
    return reply(s, family, id);
  });

  app.post('/orders/:family/:id/results', {
    ...opts,
    preValidation: emptyBody,
    schema: {
      tags: TAGS,
      summary: 'Results against the order: lab values (Observations flagged L/H/LL/HH from the reference intervals) or imaging findings and conclusion, in a DiagnosticReport; the order completes',
      params: familyParams(['service']),
      body: {
        type: 'object', additionalProperties: false,
        properties: {
          results: {
            type: 'array', minItems: 1, maxItems: 50,
            items: {
              type: 'object', required: ['code', 'value'], additionalProperties: false,
              properties: { code: { type: 'string', description: 'LOINC code of the analyte' }, value: { type: 'number', minimum: 0 }, unit: { type: 'string', description: 'UCUM code; must be the analyte\'s unit' } },
            },
          },
          findings: { type: 'string', maxLength: 20000, description: 'imaging: 检查所见' },
          conclusion: { type: 'string', maxLength: 5000, description: 'imaging: 诊断意见' },
          comment: { type: 'string', maxLength: 2000, description: 'lab: comment on the report' },
          collected: { type: 'string', description: 'specimen time (date-time with zone); default now' },
        },
      },
      response: { 200: orderResponse, ...ERRORS },
    },
  }, async (req) => {
    const { family, id } = req.params as { family: Family; id: string };
    const s = await stepContext(req);
    await result(s, await loadOrder(deps, s.ctx, family, id), (req.body ?? {}) as LabResultInput);
    return reply(s, family, id);
  });

  app.post('/orders/:family/:id/dispense', {
    ...opts,
    preValidation: emptyBody,
    schema: {
      tags: TAGS, summary: 'The pharmacy dispenses the medication (MedicationDispense)',
      params: familyParams(['medication']),
      body: {
        type: 'object', additionalProperties: false,
        properties: { quantity: quantity(UNIT_CODES), days: { type: 'integer', minimum: 1, maximum: 90 }, note: { type: 'string', maxLength: 500 } },
      },
      response: { 200: orderResponse, ...ERRORS },
    },
  }, async (req) => {
    const { family, id } = req.params as { family: Family; id: string };
    const s = await stepContext(req);
    await dispense(s, await loadOrder(deps, s.ctx, family, id), (req.body ?? {}) as DispenseInput);
    return reply(s, family, id);
  });

  app.post('/orders/:family/:id/administer', {
    ...opts,
    preValidation: emptyBody,
    schema: {
      tags: TAGS, summary: 'A nurse gives a dose, or records that it was not given and why (MedicationAdministration)',
      params: familyParams(['medication']),
      body: {
        type: 'object', additionalProperties: false,
        properties: { dose: quantity(UNIT_CODES), notGiven: { type: 'boolean' }, reason: { type: 'string', maxLength: 500 }, note: { type: 'string', maxLength: 500 } },
      },
      response: { 200: orderResponse, ...ERRORS },
    },
  }, async (req) => {
    const { family, id } = req.params as { family: Family; id: string };
    const s = await stepContext(req);
    await administer(s, await loadOrder(deps, s.ctx, family, id), (req.body ?? {}) as AdministerInput);
    return reply(s, family, id);
  });

  app.post('/orders/:family/:id/cancel', {
    ...opts,
    schema: {
      tags: TAGS, summary: 'Cancel an order (ServiceRequest revoked; MedicationRequest cancelled, or stopped once dispensed); an open task is cancelled with it',
      params: familyParams(['medication', 'service']),
      body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } } },
      response: { 200: orderResponse, ...ERRORS },
    },
  }, async (req) => {
    const { family, id } = req.params as { family: Family; id: string };
    const s = await stepContext(req);
    await cancel(s, await loadOrder(deps, s.ctx, family, id), (req.body as { reason: string }).reason);
    return reply(s, family, id);
  });
}
