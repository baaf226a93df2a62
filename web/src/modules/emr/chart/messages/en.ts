// Strings of the patient chart, in English. Keep the same keys as zh-CN.ts.
export const en = {
  title: 'Patient chart',
  notFound: 'This patient was not found, or you may not open their chart.',
  tabs: {
    summary: 'Summary', encounters: 'Encounters', problems: 'Problems', allergies: 'Allergies', medications: 'Medications', vitals: 'Vital signs',
    results: 'Results', documents: 'Documents', orders: 'Orders',
  },
  banner: {
    mrn: 'MRN', idCard: 'ID card', allergies: 'Allergies', noAllergyRecorded: 'No allergy recorded', location: 'Location', inHospital: 'Inpatient',
    inClinic: 'In clinic', notInHospital: 'Not in hospital', born: 'Born', phone: 'Phone', highRisk: 'high risk',
  },
  summary: {
    activeProblems: 'Active problems', latestVitals: 'Latest vital signs', current: 'Current encounter', recent: 'Recent encounters', none: 'None', more: 'See all',
    measuredAt: 'Measured {{time}}',
  },
  encounters: { empty: 'No encounters yet', department: 'Department', doctor: 'Doctor', location: 'Location', reason: 'Diagnosis / reason', disposition: 'Discharged to' },
  problems: {
    empty: 'No problems recorded', code: 'ICD-10', name: 'Problem', category: 'Category', status: 'Clinical status', onset: 'Onset', abatement: 'Resolved', recorded: 'Recorded',
    recorder: 'Recorded by', verification: 'Verification',
    categories: { 'problem-list-item': 'Problem list', 'encounter-diagnosis': 'Encounter diagnosis' },
    clinical: { active: 'Active', recurrence: 'Recurrence', relapse: 'Relapse', inactive: 'Inactive', remission: 'Remission', resolved: 'Resolved' },
  },
  allergies: {
    empty: 'No allergy recorded', substance: 'Substance', category: 'Category', criticality: 'Criticality', reaction: 'Reaction', severity: 'Severity', status: 'Status', recorded: 'Recorded',
    categories: { medication: 'Medication', food: 'Food', environment: 'Environment', biologic: 'Biologic' },
    criticalities: { high: 'High', low: 'Low', 'unable-to-assess': 'Unable to assess' },
    severities: { mild: 'Mild', moderate: 'Moderate', severe: 'Severe' },
    clinical: { active: 'Active', inactive: 'Inactive', resolved: 'Resolved' },
  },
  medications: {
    empty: 'No medications recorded', medication: 'Medication', dosage: 'Dosage', status: 'Status', date: 'Ordered / recorded', requester: 'Ordered by', kind: 'Source',
    request: 'Order', statement: 'Statement', intent: 'Intent',
    statuses: {
      active: 'Active', 'on-hold': 'On hold', cancelled: 'Cancelled', completed: 'Completed', 'entered-in-error': 'Entered in error', stopped: 'Stopped', draft: 'Draft',
      unknown: 'Unknown', intended: 'Intended', 'not-taken': 'Not taken',
    },
  },
  vitals: {
    empty: 'No vital signs recorded', chart: 'Trends', table: 'Table', time: 'Measured', normalRange: 'Normal range', noRangeChild: "Children's normal values change with age; no range is drawn.",
    source: 'Adult normal ranges: 诊断学 (Diagnostics, 9th ed.); Chinese Hypertension Guideline 2018; SpO2 per NEWS2 (RCP 2017).',
    low: 'low', high: 'high',
    names: { temp: 'Temperature', hr: 'Heart rate', rr: 'Respiratory rate', spo2: 'SpO₂', bp: 'Blood pressure', sbp: 'Systolic', dbp: 'Diastolic', weight: 'Weight', height: 'Height' },
  },
  results: {
    empty: 'No results yet', reports: 'Reports', report: 'Report', status: 'Status', issued: 'Issued', conclusion: 'Conclusion', analytes: 'Tests', analyte: 'Test',
    value: 'Result', range: 'Reference range', flag: 'Flag', time: 'Time', trend: 'Trend', chooseAnalyte: 'Choose a test to see its trend', onlyAbnormal: 'Abnormal only',
    flags: { H: 'High', L: 'Low', HH: 'Critical high', LL: 'Critical low', A: 'Abnormal', AA: 'Critical abnormal', N: 'Normal', HU: 'Very high', LU: 'Very low', POS: 'Positive', NEG: 'Negative' },
    statuses: { registered: 'Registered', partial: 'Partial', preliminary: 'Preliminary', final: 'Final', amended: 'Amended', corrected: 'Corrected', cancelled: 'Cancelled', 'entered-in-error': 'Entered in error' },
    patient: 'Patient', release: 'Release to patient', releaseTitle: 'Release this report to the patient?', releaseText: 'The patient will see it under My results in the patient portal and get a notice. A release cannot be taken back.',
    released: 'Released {{time}}', releasedOk: 'Released to the patient', notFinal: 'Only a final report can be released',
  },
  loadFailed: 'Could not load',
};
