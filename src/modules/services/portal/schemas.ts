// JSON schemas of the portal routes: request validation and the OpenAPI description (tags ['portal']). The
// registration body's fields are checked by the route itself (every problem beside its field, in the caller's
// language), so the schema only bounds their size.
import { ERRORS, RESOURCE_SCHEMA } from '../../emr/notes/support.js';
import { summary } from '../../emr/patients/schemas.js';
import { IDENTITY_DOCUMENTS } from '../../emr/patients/identity-documents.js';

const str = (max: number, description: string) => ({ type: 'string', maxLength: max, description });
const idParam = (name: string) => ({ type: 'object', required: [name], properties: { [name]: { type: 'string', pattern: '^[A-Za-z0-9\\-.]{1,64}$' } } });
const TAGS = ['portal'];

const slot = {
  type: 'object', required: ['id'],
  properties: { id: { type: 'string' }, start: { type: 'string' }, end: { type: 'string' }, status: { type: 'string' }, with: { type: 'array', items: { type: 'string' } } },
};
const message = {
  type: 'object', required: ['id', 'text', 'texts', 'offeredSlots'],
  properties: {
    id: { type: 'string' }, sent: { type: 'string' }, received: { type: 'string', description: 'when the patient read it (absent: unread)' },
    text: { type: 'string', description: 'in the Accept-Language (zh or en)' },
    texts: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
    sender: { type: 'string' }, about: { type: 'string' },
    appointment: { type: 'string', description: 'id of the Appointment a 停诊 notice concerns' },
    offeredSlots: { type: 'array', items: slot, description: 'Slots offered instead (reschedule with POST /api/appointments/:id/reschedule)' },
  },
};
const visit = {
  type: 'object', required: ['encounter'],
  properties: {
    encounter: { type: 'string' }, start: { type: 'string' }, end: { type: 'string' }, doctor: { type: 'string' },
    department: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' }, nameEn: { type: 'string' } } },
  },
};

export const schemas = {
  register: {
    tags: TAGS, summary: 'Self-registration with a real-name identity document (public)',
    description: 'Anyone may call it (rate-limited per address; audited as anonymous). Creates the Patient under the registration desk\'s rules — document type and number (身份证 check digit, the birth date and sex it encodes), name, phone — and a patient account linked to it. Sex and birth date may be left out when the document number encodes them. Every problem of the form is answered at once as a 400 whose issues name the field (`expression`) and say it in the Accept-Language (zh or en); the account is checked before anything is written. A document number (or name + birth date + phone) already registered is a 409 without details of the existing record: the person opens their account at the registration desk. 429 when the address made too many attempts. Then sign in with POST /auth/login.',
    body: {
      type: 'object', additionalProperties: false,
      properties: {
        name: str(200, 'name as on the document'), idType: { type: 'string', maxLength: 40, description: `document type: ${IDENTITY_DOCUMENTS.map((d) => d.code).join(', ')} (birth-certificate and other only at the desk)` },
        idNumber: str(80, 'document number'), phone: str(40, 'mobile (11 digits) or landline with area code'),
        sex: str(20, 'male, female, other, unknown; derived from a 身份证 number when absent'), birthDate: str(20, 'YYYY-MM-DD; derived from a 身份证 number when absent'),
        username: str(200, 'the new account\'s username'), password: str(1024, 'at least 8 characters, not the username'),
      },
      examples: [{ name: '张三', idType: 'resident-id', idNumber: '11010519491231002X', phone: '13800138000', username: 'zhangsan', password: 'my-secret-pass' }],
    },
    response: {
      201: {
        type: 'object', required: ['patient', 'username'],
        properties: { username: { type: 'string' }, patient: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, mrn: { type: 'string' } } } },
      },
      ...ERRORS, 429: ERRORS[400],
    },
  },
  me: {
    tags: TAGS, summary: 'The signed-in patient: their record in compact form and what waits for them',
    response: {
      200: { type: 'object', required: ['patient', 'unread', 'pendingSurveys'], properties: { patient: summary, unread: { type: 'integer' }, pendingSurveys: { type: 'integer' } } },
      ...ERRORS,
    },
  },
  results: {
    tags: TAGS, summary: 'The patient\'s results a doctor released (DiagnosticReports with their Observations), newest first',
    description: 'Only finished reports (final, amended, corrected, appended) carrying the extension http://huiyi.health/fhir/StructureDefinition/released-to-patient.',
    response: {
      200: {
        type: 'object', required: ['reports'],
        properties: { reports: { type: 'array', items: { type: 'object', required: ['report', 'released', 'observations'], properties: { report: RESOURCE_SCHEMA, released: { type: 'string' }, observations: { type: 'array', items: RESOURCE_SCHEMA } } } } },
      },
      ...ERRORS,
    },
  },
  release: {
    tags: TAGS, summary: 'Release a report to the patient (doctor)',
    description: 'Adds the released-to-patient extension (valueDateTime now) and sends the patient a notification Communication, in one transaction. Releasing a released report changes nothing (200). 409 for a report that is not final.',
    params: idParam('report'),
    response: { 200: { type: 'object', required: ['report'], properties: { report: RESOURCE_SCHEMA, communication: RESOURCE_SCHEMA } }, ...ERRORS },
  },
  inbox: {
    tags: TAGS, summary: 'Messages to the patient (Communications whose recipient is them), newest first',
    response: { 200: { type: 'object', required: ['messages', 'unread'], properties: { messages: { type: 'array', items: message }, unread: { type: 'integer' } } }, ...ERRORS },
  },
  read: {
    tags: TAGS, summary: 'Mark a message read (sets Communication.received; the first time stays)',
    params: idParam('id'),
    response: { 200: message, ...ERRORS },
  },
  questionnaire: {
    tags: TAGS, summary: 'The outpatient satisfaction survey (FHIR Questionnaire; English texts in the translation extension)',
    response: { 200: RESOURCE_SCHEMA, ...ERRORS },
  },
  pending: {
    tags: TAGS, summary: 'Finished clinic visits of the last 30 days still waiting for the patient\'s survey',
    response: { 200: { type: 'object', required: ['visits'], properties: { visits: { type: 'array', items: visit } } }, ...ERRORS },
  },
  submit: {
    tags: TAGS, summary: 'Answer the satisfaction survey for one visit → QuestionnaireResponse',
    description: 'answers: { linkId: value } — a choice item takes its option code ("1"–"5"), a boolean item true/false, a text item a string. 400 with one issue per bad answer (expression answers.<linkId>): a required item missing, a wrong type, a code not offered, an unknown item, text too long. 404 for a visit that is not the patient\'s; 409 for a visit not finished, older than 30 days, or already answered.',
    body: {
      type: 'object', required: ['encounter', 'answers'], additionalProperties: false,
      properties: {
        encounter: { type: 'string', pattern: '^(Encounter/)?[A-Za-z0-9\\-.]{1,64}$' },
        // the values' types are checked against the questionnaire (survey/answers.ts): a schema here would coerce them
        answers: { type: 'object', maxProperties: 50 },
      },
      examples: [{ encounter: 'Encounter/enc-1', answers: { registration: '5', waiting: '3', doctor: '5', staff: '4', privacy: '5', environment: '4', overall: '5', recommend: true, comment: '候诊时间有点长' } }],
    },
    response: { 201: RESOURCE_SCHEMA, ...ERRORS },
  },
};
