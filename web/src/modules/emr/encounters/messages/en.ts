// Strings of the encounters module in English. Keep the same keys as zh-CN.ts.
export const en = {
  nav: { wards: 'Ward beds', clinic: "Today's clinic" },
  class: { AMB: 'Outpatient', EMER: 'Emergency', IMP: 'Inpatient', other: 'Other' },
  status: {
    planned: 'Booked', arrived: 'Registered', triaged: 'Triaged', 'in-progress': 'In consultation', onleave: 'On leave', finished: 'Finished',
    cancelled: 'Cancelled', 'entered-in-error': 'Entered in error', unknown: 'Unknown',
  },
  stayStatus: { 'in-progress': 'In hospital', onleave: 'On leave', finished: 'Discharged' },
  bed: { C: 'Closed', H: 'Cleaning', I: 'Isolation', K: 'Contaminated', O: 'Occupied', U: 'Free' },
  actions: {
    startVisit: 'Start outpatient visit', startVisitConfirm: 'Register an outpatient visit for this patient?', visitStarted: 'Outpatient visit registered',
    'to-in-progress': 'Call in', 'to-finished': 'Finish visit', 'to-cancelled': 'Cancel visit', 'to-onleave': 'On leave', 'to-in-progress-imp': 'Back from leave',
    'to-arrived': 'Check in', 'to-triaged': 'Triage',
    cancelConfirm: 'Cancel this visit?', finishConfirm: 'Finish this visit?',
    admit: 'Admit', transfer: 'Transfer bed', discharge: 'Discharge', statusChanged: 'Status updated',
    admitted: 'Admitted to {{bed}}', transferred: 'Transferred to {{bed}}', discharged: 'Discharged', openChart: 'Open chart',
  },
  admit: {
    title: 'Admit to a bed', ward: 'Ward', wardPlaceholder: 'Choose a ward', bed: 'Bed', bedPlaceholder: 'Choose a free bed', noFreeBed: 'No free bed on this ward',
    freeBeds: '{{free}} of {{beds}} free', reason: 'Admission diagnosis', reasonPlaceholder: 'e.g. community-acquired pneumonia', icd: 'ICD-10 code', icdPlaceholder: 'e.g. J18.9',
    icdFormat: 'An ICD-10 code looks like J18.9', source: 'Admitted from', submit: 'Admit', wardRequired: 'Choose a ward', bedRequired: 'Choose a bed',
  },
  transfer: { title: 'Transfer to another bed', current: 'Current bed', submit: 'Transfer' },
  discharge: { title: 'Discharge', disposition: 'Discharged to', dispositionRequired: 'Choose where the patient goes', submit: 'Discharge', confirm: 'The bed is freed on discharge.' },
  doctor: {
    title: "Doctor's workspace", clinicToday: "Today's clinic", clinicEmpty: 'No outpatients yet today', inpatients: 'My inpatients', inpatientsEmpty: 'You have no inpatients at the moment',
    wards: "My department's wards", waiting: 'Waiting', inConsultation: 'In consultation', done: 'Done', findPatient: 'Find a patient',
  },
  nurse: {
    title: 'Ward board', noWard: 'Your account is not linked to a ward; ask the head nurse or IT.', unassigned: 'Patients without a bed', refreshed: 'Updated {{time}}',
  },
  board: {
    beds: '{{n}} beds', free: '{{n}} free', occupied: '{{n}} occupied', closed: '{{n}} closed', empty: 'Free', admittedAt: 'Admitted {{date}}',
    days: 'Day {{n}}', selectWard: 'Choose a ward', patient: 'Patient', doctor: 'Doctor', legend: 'Legend',
  },
  columns: {
    time: 'Time', patient: 'Patient', sex: 'Sex', age: 'Age', status: 'Status', reason: 'Diagnosis / reason', bed: 'Bed', ward: 'Ward', admitted: 'Admitted',
    doctor: 'Doctor', department: 'Department', actions: 'Actions', type: 'Type', period: 'Period', location: 'Location',
  },
  sex: { male: 'Male', female: 'Female', other: 'Other', unknown: 'Unknown' },
  age: { years: '{{n}} y', months: '{{n}} mo', days: '{{n}} d' },
};
