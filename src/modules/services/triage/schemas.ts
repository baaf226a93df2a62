// JSON schemas of the triage routes: request validation (a bad request is a 400 OperationOutcome before any work)
// and the OpenAPI description at /api/docs (tag 'triage').
import { ALGORITHMS, FLAG_CODES } from './codes.js';

const outcome = {
  type: 'object', additionalProperties: true, description: 'FHIR OperationOutcome saying what is wrong',
  properties: { resourceType: { type: 'string' }, issue: { type: 'array', items: { type: 'object', additionalProperties: true } } },
};
const errors = { '4xx': outcome };
const resource = (type: string) => ({ type: 'object', additionalProperties: true, description: `FHIR R4 ${type}` });
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[A-Za-z0-9\\-.]{1,64}$' } } };

const num = (min: number, max: number, description: string) => ({ type: 'number', minimum: min, maximum: max, description });
const int = (min: number, max: number, description: string) => ({ type: 'integer', minimum: min, maximum: max, description });

const vitals = {
  type: 'object', additionalProperties: false,
  description: 'Measured values; each is rounded to its table precision before scoring (temperature 0.1, glucose 0.01, potassium 0.1, the rest whole numbers)',
  properties: {
    heartRate: num(0, 350, 'heart rate /min'),
    systolicBP: num(0, 350, 'systolic blood pressure mmHg'),
    usualSystolicBP: num(40, 300, "the patient's usual systolic BP mmHg (for the acute-fall criterion)"),
    respiratoryRate: num(0, 150, 'respiratory rate /min'),
    spo2: num(0, 100, 'SpO2 %'),
    temperature: num(25, 45, 'axillary temperature °C'),
    gcs: int(3, 15, 'Glasgow coma scale total'),
    painScore: int(0, 10, 'pain 0–10'),
    glucose: num(0, 60, 'point-of-care glucose mmol/L'),
    potassium: num(0, 15, 'potassium mmol/L'),
    onOxygen: { type: 'boolean', description: 'on supplemental oxygen' },
  },
};

const triageProperties = {
  algorithm: { type: 'string', enum: [...ALGORITHMS], description: 'cn2018 (急诊预检分诊专家共识, 4 levels; default) or esi4 (ESI v4, 5 levels)' },
  age: num(0, 130, 'age in years (fractions for infants: 3 months = 0.25)'),
  vitals,
  complaint: { type: 'string', maxLength: 500, description: 'chief complaint, zh or en; suggests flags (胸痛 → chestPainACS …) unless flags are given' },
  flags: { type: 'array', maxItems: 30, uniqueItems: true, items: { type: 'string', enum: FLAG_CODES }, description: 'clinical flags; when given they replace the complaint\'s suggestions' },
  expectedResources: int(0, 10, 'expected ED resources (labs, imaging, IV fluids or drugs, consult, simple procedure); not given = taken as ≥ 2'),
  lang: { type: 'string', enum: ['zh', 'en'], description: 'language of the reasons (default: Accept-Language, else zh)' },
};

const levelInfo = {
  type: 'object', additionalProperties: true,
  properties: { level: { type: 'integer' }, label: { type: 'string' }, zh: { type: 'string' }, en: { type: 'string' }, zone: { type: 'string' }, maxWaitMinutes: { type: 'integer' }, algorithm: { type: 'string' } },
};

const triageResult = {
  type: 'object', additionalProperties: true,
  required: ['level', 'zone', 'maxWaitMinutes', 'reasons'],
  properties: {
    algorithm: { type: 'string' },
    level: { type: 'integer', description: '1 (most severe) … 4 (cn2018) or 5 (esi4)' },
    label: { type: 'string', description: 'Ⅰ–Ⅳ or 1–5' },
    zone: { type: 'string', enum: ['red', 'yellow', 'green'] },
    maxWaitMinutes: { type: 'integer' },
    reasons: { type: 'array', items: { type: 'string' }, description: 'the criteria that fired, most severe first' },
    criteria: { type: 'array', items: { type: 'object', additionalProperties: true }, description: 'the same as codes (CodeSystem triage-criterion) with zh/en text, level, group (vital|complaint) and the measured value' },
    vitalLevel: { type: ['integer', 'null'] },
    complaintLevel: { type: ['integer', 'null'] },
    flags: { type: 'array', items: { type: 'string' } },
    suggestedFlags: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
};

const override = {
  type: 'object', required: ['level', 'reason'], additionalProperties: false,
  properties: { level: { type: 'integer', minimum: 1, maximum: 5 }, reason: { type: 'string', minLength: 1, maxLength: 500 } },
};

const stored = {
  type: 'object', additionalProperties: true,
  properties: {
    encounter: resource('Encounter'), patient: resource('Patient'), riskAssessment: resource('RiskAssessment'),
    observations: { type: 'array', items: resource('Observation') }, triage: triageResult, level: levelInfo,
    previousLevel: { type: 'integer' }, raised: { type: 'boolean' },
  },
};

export const schemas = {
  compute: {
    tags: ['triage'], summary: 'Grade an emergency patient (compute only, nothing stored)',
    description: 'The level is the most severe criterion that fires in the algorithm\'s table (vital signs, clinical flags, pain, age rules, expected resources). Tables, sources and boundary readings: GET /api/triage/catalogue.',
    body: { type: 'object', required: ['age'], additionalProperties: false, properties: triageProperties,
      examples: [{ age: 67, complaint: '胸痛2小时', vitals: { heartRate: 130, systolicBP: 85, spo2: 95 }, expectedResources: 3 }] },
    response: { 200: triageResult, ...errors },
  },
  catalogue: {
    tags: ['triage'], summary: 'Algorithms (levels, zones, maximum waits, rules with their boundary notes) and clinical flags',
    response: { 200: { type: 'object', additionalProperties: true } },
  },
  register: {
    tags: ['triage'], summary: 'Register an ED arrival with its triage (one transaction)',
    description: 'Creates (for newPatient) the Patient, an Encounter (class EMER, status triaged, priority = v3 ActPriority + the level, at the ED triage location), one Observation per vital sign (LOINC) and a RiskAssessment (method = algorithm, prediction = level, basis = the Observations, the inputs and the criteria as extensions, an override with both levels and its reason). Nurses and doctors; the registration step runs elevated after that check, because a new arrival is on nobody\'s ward yet.',
    body: {
      type: 'object', required: ['age'], additionalProperties: false,
      properties: {
        ...triageProperties,
        patient: { type: 'string', pattern: '^(Patient/)?[A-Za-z0-9\\-.]{1,64}$', description: 'an existing Patient' },
        newPatient: {
          type: 'object', required: ['name', 'sex'], additionalProperties: false, description: 'a patient without a record yet (ED quick registration)',
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
            sex: { type: 'string', enum: ['male', 'female', 'other', 'unknown'] },
            age: num(0, 130, 'age in years, when the birth date is not known'),
            birthDate: { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' },
            phone: { type: 'string', pattern: '^\\+?[0-9 \\-]{5,20}$' },
          },
        },
        override: { ...override, description: "the nurse's level instead of the computed one; the reason is required" },
        location: { type: 'string', pattern: '^(Location/)?[A-Za-z0-9\\-.]{1,64}$', description: 'where the patient waits (default: the ED triage location)' },
      },
    },
    response: { 201: stored, ...errors },
  },
  retriage: {
    tags: ['triage'], summary: 'Re-triage a waiting patient with new vital signs',
    description: 'New Observations and a new RiskAssessment on top of the last triage (values not sent are kept). A worse result raises the level (and Encounter.priority); a better one keeps it — lowering is an override with a reason. 409 when the patient is no longer waiting.',
    params: idParams,
    body: {
      type: 'object', additionalProperties: false, minProperties: 1,
      properties: { age: triageProperties.age, vitals, complaint: triageProperties.complaint, flags: triageProperties.flags, expectedResources: triageProperties.expectedResources, lang: triageProperties.lang },
    },
    response: { 200: stored, ...errors },
  },
  override: {
    tags: ['triage'], summary: "Override the level with the nurse's judgement (reason required)",
    description: 'A RiskAssessment with the computed and the assigned level and the reason; Encounter.priority follows. Without a reason: 400.',
    params: idParams,
    body: override,
    response: { 200: stored, ...errors },
  },
  status: {
    tags: ['triage'], summary: 'The patient was seen by a doctor, or left without being seen',
    description: 'seen → Encounter in-progress; left → cancelled with discharge disposition "left without being seen". Either takes the patient off the board.',
    params: idParams,
    body: { type: 'object', required: ['status'], additionalProperties: false, properties: { status: { type: 'string', enum: ['seen', 'left'] } } },
    response: { 200: resource('Encounter'), ...errors },
  },
  board: {
    tags: ['triage'], summary: 'The emergency board: waiting ED patients by level, minutes waited, overdue, re-triage alerts',
    response: { 200: { type: 'object', additionalProperties: true, properties: { at: { type: 'string' }, patients: { type: 'array', items: { type: 'object', additionalProperties: true } }, counts: { type: 'object', additionalProperties: true } } }, ...errors },
  },
  events: {
    tags: ['triage'], summary: 'The board as a live stream (Server-Sent Events)',
    description: 'text/event-stream: an "board" event with the board (as GET /board) at once and whenever an Encounter, RiskAssessment or Patient changes (and every minute, as waits grow); ": heartbeat" comments keep the connection open. Each push is a fresh GET /board with the caller\'s credentials (same access decision and audit); "end" when they are no longer valid.',
  },
};
