// The access policies a new tenant starts with: one per role, editable by an admin (PUT /admin/policies/:role).
// Least privilege by role, following the division of duties in 电子病历系统应用水平分级评价标准 and
// 《医疗机构病历管理规定》 (records are read by those treating the patient; nurses by ward; patients their own).
import type { AccessPolicy } from './policy.js';

/** Directories and knowledge: not patient data, readable by every staff role and by patients. */
export const DIRECTORY_TYPES = [
  'Organization', 'Location', 'Practitioner', 'PractitionerRole', 'HealthcareService', 'Endpoint', 'Schedule', 'Slot',
  'Medication', 'MedicationKnowledge', 'Substance', 'ActivityDefinition', 'PlanDefinition', 'Questionnaire',
  'ObservationDefinition', 'SpecimenDefinition', 'ChargeItemDefinition', 'InsurancePlan', 'Library', 'Measure',
  'ValueSet', 'CodeSystem', 'ConceptMap', 'NamingSystem', 'StructureDefinition', 'SearchParameter', 'CapabilityStatement',
  'OperationDefinition', 'CompartmentDefinition', 'ImplementationGuide', 'StructureMap', 'TerminologyCapabilities',
];

const CARE_RECORD = [
  'Observation', 'MedicationAdministration', 'Procedure', 'Task', 'Communication', 'CarePlan', 'Flag', 'QuestionnaireResponse',
  'Specimen', 'DocumentReference', 'Composition', 'Provenance', 'RiskAssessment', 'ClinicalImpression',
];

export const DEFAULT_POLICIES: AccessPolicy[] = [
  {
    role: 'admin',
    description: 'System administrator: directories, users and audit; no clinical records (separation of duties).',
    read: [...DIRECTORY_TYPES, 'AuditEvent'],
    write: DIRECTORY_TYPES,
    delete: DIRECTORY_TYPES,
    patients: 'none',
  },
  {
    role: 'doctor',
    description: 'Physician: reads and writes the clinical record of every patient of the hospital (every access is audited).',
    read: ['*'],
    write: ['*'],
    delete: ['Composition', 'Flag', 'Communication', 'Appointment'],
    patients: 'all',
  },
  {
    role: 'nurse',
    description: 'Nurse: patients currently on their wards (PractitionerRole.location ↔ Encounter.location); others only by breaking the glass.',
    read: ['*'],
    write: [...CARE_RECORD, 'Encounter', 'Condition', 'AllergyIntolerance', 'Appointment'],
    delete: [],
    patients: 'ward',
    breakGlass: true,
  },
  {
    role: 'pharmacist',
    description: 'Pharmacist: reviews and dispenses medication orders of every patient.',
    read: ['*'],
    write: ['MedicationDispense', 'MedicationRequest', 'MedicationStatement', 'Medication', 'Communication', 'Task', 'Provenance', 'DetectedIssue'],
    delete: [],
    patients: 'all',
  },
  {
    role: 'technician',
    description: 'Medical technologist (lab, imaging): receives orders and reports results.',
    read: ['*'],
    write: ['Observation', 'DiagnosticReport', 'ImagingStudy', 'Specimen', 'Media', 'Task', 'ServiceRequest', 'Provenance', 'Communication'],
    delete: [],
    patients: 'all',
  },
  {
    role: 'manager',
    description: 'Hospital management: reads everything for quality and operations statistics; writes nothing clinical.',
    read: ['*'],
    write: ['MeasureReport'],
    delete: [],
    patients: 'all',
  },
  {
    role: 'patient',
    description: 'Patient (portal): their own record; books appointments, answers questionnaires, messages.',
    read: ['*'],
    write: ['QuestionnaireResponse', 'Appointment', 'Communication', 'Consent', 'Patient', 'RelatedPerson'],
    delete: [],
    patients: 'self',
  },
  {
    role: 'dispatcher',
    description: 'Regional dispatcher: referrals and transfers between institutions.',
    read: ['Patient', 'Encounter', 'ServiceRequest', 'Condition', 'AllergyIntolerance', 'Task', 'Communication', 'Appointment', 'EpisodeOfCare', 'DocumentReference'],
    write: ['ServiceRequest', 'Task', 'Communication', 'Appointment'],
    delete: [],
    patients: 'all',
  },
  {
    role: 'device',
    description: 'Connected device (monitor, analyser): posts observations; reads only devices.',
    read: ['Device'],
    write: ['Observation', 'Device', 'DeviceMetric'],
    delete: [],
    patients: 'all',
  },
];
