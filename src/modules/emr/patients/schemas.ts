// JSON schemas of the patient routes: request shapes and the OpenAPI description (tags ['emr']). Required fields and
// formats are checked by the route itself (registration-input.ts), so that every missing or malformed field gets
// its own issue naming it, not just the first one the schema validator meets.
import { IDENTITY_DOCUMENTS } from './identity-documents.js';
import { RELATIONSHIPS, SEXES } from './registration-input.js';

const resource = (type: string) => ({ type: 'object', additionalProperties: true, description: `FHIR R4 ${type}`, properties: { resourceType: { type: 'string' } } });
const patient = resource('Patient');
export const outcome = {
  type: 'object', additionalProperties: true,
  description: 'FHIR OperationOutcome: one issue per bad field, `expression` naming the request field, `details.coding` a code of https://huiyi.dev/fhir/CodeSystem/patient-request-problem, `details.text` in the Accept-Language (zh or en)',
  properties: { resourceType: { type: 'string' }, issue: { type: 'array', items: { type: 'object', additionalProperties: true } }, contained: { type: 'array', items: patient } },
};
const errors = { '4xx': outcome };

const age = { type: 'object', properties: { value: { type: 'integer' }, unit: { type: 'string', enum: ['year', 'month', 'day'] } } };
export const summary = {
  type: 'object', required: ['id', 'active', 'name'],
  properties: {
    id: { type: 'string' }, active: { type: 'boolean' }, name: { type: 'string' }, pinyin: { type: 'string' },
    sex: { type: 'string' }, birthDate: { type: 'string' }, age, mrn: { type: 'string' },
    idType: { type: 'string' }, idNumberMasked: { type: 'string', description: 'first 3 and last 4 characters' },
    phone: { type: 'string' },
    mergedInto: { type: 'string', description: 'id of the patient this record was merged into' },
    replaces: { type: 'array', items: { type: 'string' }, description: 'ids of the records merged into this one' },
  },
};

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[A-Za-z0-9\\-.]{1,64}$' } } };
const optText = (max: number, description: string) => ({ type: 'string', maxLength: max * 4, description });

export const schemas = {
  search: {
    tags: ['emr'], summary: 'Find patients with one search box',
    description: 'What `q` is decides the search: an 18-character 身份证 (or 永居证) number, a mobile or landline number, an MRN or other document number, a Chinese name (start of the name, the surname or the given name; else anywhere in it), or pinyin ("zhangsan", "zhang san", or the initials "zs"). Without `q`, the most recently changed records. Only patients the caller may see come back.',
    querystring: {
      type: 'object', additionalProperties: false,
      properties: {
        q: { type: 'string', maxLength: 100 },
        count: { type: 'integer', minimum: 1, maximum: 50, default: 20 },
        page: { type: 'string', maxLength: 40, description: 'the `next` token of the previous page' },
      },
    },
    response: {
      200: {
        type: 'object', required: ['query', 'matchedBy', 'items'],
        properties: {
          query: { type: 'string' },
          matchedBy: { type: 'string', enum: ['recent', 'id-number', 'phone', 'number', 'document', 'name', 'name-contains', 'pinyin'] },
          total: { type: 'integer' }, items: { type: 'array', items: summary }, next: { type: 'string' },
        },
      },
      ...errors,
    },
  },
  read: {
    tags: ['emr'], summary: 'A patient in compact form, with the merge history of the record',
    params: idParams,
    response: {
      200: {
        type: 'object', required: ['patient', 'merges'],
        properties: {
          patient: summary,
          merges: {
            type: 'array', description: 'merges this record took part in (Provenance with activity merge), newest first',
            items: {
              type: 'object',
              properties: { provenance: { type: 'string' }, recorded: { type: 'string' }, source: { type: 'string' }, target: { type: 'string' }, reason: { type: 'string' }, agent: { type: 'string', description: 'who merged (fhirUser reference, or user id)' }, agentName: { type: 'string' } },
            },
          },
        },
      },
      ...errors,
    },
  },
  documents: {
    tags: ['emr'], summary: 'The identity documents a patient can register with',
    description: 'Code, names, FHIR identifier system and type, and how the number is written (source: 医院智慧服务分级评估标准体系, WS 364.3 CV02.01.101, GB 11643-1999).',
    response: {
      200: {
        type: 'object',
        properties: {
          documents: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                code: { type: 'string' }, nationalCode: { type: 'string' }, zh: { type: 'string' }, en: { type: 'string' }, system: { type: 'string' },
                type: { type: 'string', description: 'HL7 v2-0203 identifier type' }, hint: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
                encodesBirthAndSex: { type: 'boolean' },
              },
            },
          },
          relationships: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, zh: { type: 'string' }, en: { type: 'string' } } } },
        },
      },
    },
  },
  register: {
    tags: ['emr'], summary: 'Register a patient',
    description: 'Required: name, sex, birthDate, idType, idNumber, phone. Checks every field (身份证 numbers: length, address code, birth date, ISO 7064 check digit; birth date and sex must agree with the number) and answers 400 with one issue per bad field. The same document number already registered → 409 with the existing patient (contained); same name + birth date + phone → 409 possible duplicate unless confirmDuplicate. Creates the Patient with its Chinese and pinyin names, the document identifier, a new MRN and the phone.',
    body: {
      type: 'object', additionalProperties: false,
      properties: {
        name: optText(50, 'name as on the document: Chinese characters or Latin letters'),
        sex: { type: 'string', description: `one of ${SEXES.join(', ')}` },
        birthDate: { type: 'string', description: 'YYYY-MM-DD' },
        idType: { type: 'string', description: `one of ${IDENTITY_DOCUMENTS.map((d) => d.code).join(', ')} (GET /api/emr/patients/identity-documents)` },
        idNumber: optText(40, 'the document number'),
        phone: optText(20, 'mobile (11 digits) or landline with area code'),
        address: optText(200, 'home address'),
        contact: {
          type: 'object', additionalProperties: false, description: 'emergency contact',
          properties: { name: optText(50, 'name'), relationship: { type: 'string', description: `HL7 v3 RoleCode: ${Object.keys(RELATIONSHIPS).join(', ')}` }, phone: optText(20, 'phone') },
        },
        confirmDuplicate: { type: 'boolean', default: false, description: 'register although a patient with the same name, birth date and phone exists' },
      },
    },
    response: { 201: patient, ...errors },
  },
  merge: {
    tags: ['emr'], summary: 'Merge a duplicate patient record into another',
    description: 'In one transaction: the source becomes inactive with link replaced-by the target, the target gets link replaces the source, and a Provenance (activity merge, reason, agent = the user) targets both. Allowed to roles whose policy may update Patient and create Provenance. Merging a patient into itself is 400; a source already merged or inactive, an inactive target, or a record changed meanwhile is 409.',
    body: {
      type: 'object', additionalProperties: false,
      properties: {
        source: { type: 'string', maxLength: 80, description: 'the duplicate: Patient id or "Patient/id"' },
        target: { type: 'string', maxLength: 80, description: 'the record that stays' },
        reason: optText(500, 'why the records are the same person'),
      },
    },
    response: { 200: { type: 'object', properties: { source: patient, target: patient, provenance: resource('Provenance') } }, ...errors },
  },
};
