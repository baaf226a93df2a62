// Strings of the guide module in English. Keep the same keys as zh-CN.ts.
import type { zhCN } from './zh-CN';

export const en: typeof zhCN = {
  nav: { guide: 'Smart guide' },
  page: { title: 'Smart guide', subtitle: 'Describe the symptoms to get a department; danger signs say to go to the emergency department now.' },
  form: {
    text: 'What is wrong?',
    textPlaceholder: 'e.g. chest pain with cold sweat for half an hour; or: diarrhoea for two days, slight fever',
    textRequired: 'Please describe the symptoms',
    age: 'Age',
    ageUnit: { years: 'years', months: 'months' },
    sex: 'Sex',
    female: 'Female',
    male: 'Male',
    pregnant: 'Pregnant',
    bodyParts: 'Where (pick any)',
    submit: 'Find a department',
    reset: 'Clear',
  },
  parts: {
    head: 'Head', eye: 'Eyes', 'ear-nose-throat': 'Ear, nose, throat', 'mouth-teeth': 'Mouth and teeth', neck: 'Neck', chest: 'Chest', abdomen: 'Abdomen',
    back: 'Back', pelvis: 'Lower abdomen', 'genital-urinary': 'Urinary and genital', 'arms-legs': 'Arms, legs, joints', skin: 'Skin', mind: 'Mood and sleep',
    'whole-body': 'Whole body',
  },
  result: {
    emergencyTitle: 'Go to the emergency department now',
    emergencySub: 'These signs can be life-threatening; do not wait for a clinic appointment.',
    call120: 'Call 120',
    redFlags: 'Danger signs',
    departments: 'Suggested departments',
    score: 'Match',
    evidence: 'Because of',
    book: 'Book',
    noClinic: 'No clinic here: ask the help desk',
    noEvidence: 'No clear symptom recognised',
    advice: 'Advice',
    disclaimer: 'Guidance only, not a diagnosis.',
    intro: 'Suggested departments and the reasons appear here. The more specific the description (where, since when, what else), the better.',
  },
};
