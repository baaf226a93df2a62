// The patient pages' strings in English. Keep the same keys as zh-CN.ts.
import { PROBLEM_TEXT } from '../../../../../../src/modules/emr/patients/problem-codes';

export const en = {
  nav: { patients: 'Patients' },
  search: {
    title: 'Patients', placeholder: 'Name, pinyin or initials (e.g. zs), ID number, MRN, phone', button: 'Find',
    register: 'Register patient', recent: 'Recently changed patients', total: '{{count}} found', more: 'Load more',
    noMatch: 'No patient matches “{{q}}”', noMatchHint: 'Check what you typed, or search by something else (name, pinyin, document number, MRN, phone).',
    none: 'No patients to show',
    matchedBy: {
      recent: 'recently changed', 'id-number': 'by ID number', phone: 'by phone', number: 'by MRN or document number', document: 'by document number',
      name: 'by name', 'name-contains': 'by name (contains)', pinyin: 'by pinyin',
    },
  },
  columns: { name: 'Name', sex: 'Sex', age: 'Age', birthDate: 'Born', mrn: 'MRN', document: 'Document', phone: 'Phone', actions: 'Actions' },
  actions: { open: 'Open chart', merge: 'Merge…' },
  merged: { tag: 'Merged', into: 'Merged into {{name}}', intoId: 'Merged into another record', inactive: 'Inactive', openTarget: 'Open the record kept' },
  sex: { male: 'Male', female: 'Female', other: 'Other', unknown: 'Unknown' },
  age: { year: '{{count}} y', month: '{{count}} mo', day: '{{count}} d' },
  register: {
    title: 'Register a patient', subtitle: 'Register with an identity document; a resident ID number is checked and fills in birth date and sex.',
    identity: 'Identity', contactInfo: 'Contact', emergency: 'Emergency contact (optional)',
    name: 'Name', namePlaceholder: 'as on the document', idType: 'Document', idNumber: 'Document number', sex: 'Sex', birthDate: 'Birth date',
    phone: 'Mobile phone', phonePlaceholder: '11-digit mobile or landline with area code', address: 'Address', addressPlaceholder: 'home address (optional)',
    contactName: 'Name', relationship: 'Relationship', contactPhone: 'Phone',
    submit: 'Register', reset: 'Clear', back: 'Back to search',
    fromId: 'Birth date and sex filled in from the ID number',
    fixErrors: 'Correct the fields marked in red',
    duplicateId: 'This document number is already registered; a second record cannot be created', possibleDuplicate: 'Possible duplicate: a patient with the same name, birth date and phone exists',
    duplicateHint: 'Check whether this is the same person.', openExisting: 'Open existing patient', registerAnyway: 'Not the same person: register anyway',
    done: 'Patient registered', doneSubtitle: '{{name}}, MRN {{mrn}}', openChart: 'Open chart', another: 'Register another',
  },
  relationships: { SPS: 'Spouse', MTH: 'Mother', FTH: 'Father', SON: 'Son', DAU: 'Daughter', SIB: 'Sibling', GRPRN: 'Grandparent', GRNDCHILD: 'Grandchild', GUARD: 'Guardian', FRND: 'Friend' },
  merge: {
    title: 'Merge patient records', intro: 'Merge a duplicate record into the one to keep. The merge is recorded (who, when, why); the merged record becomes inactive and points to the one kept. It cannot be undone.',
    source: 'Duplicate (becomes inactive)', target: 'Record to keep', targetPlaceholder: 'Find by name, pinyin, MRN or document number',
    reason: 'Reason', reasonPlaceholder: 'e.g. the same patient was registered once with the ID card and once with the passport', submit: 'Merge', done: 'Merged into {{name}}',
    noTarget: 'Choose the record to keep', sameRecord: 'Choose a different record',
  },
  errors: Object.fromEntries(Object.entries(PROBLEM_TEXT).map(([code, [, text]]) => [code, text])),
};
