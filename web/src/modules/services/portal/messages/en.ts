// The portal's strings in English. Keep the same keys as zh-CN.ts.
export const en = {
  loginLink: 'No account? Register as a patient',
  common: { back: 'Back', retry: 'Retry', today: 'Today', yes: 'Yes', no: 'No', keep: 'No, keep it' },
  tabs: { label: 'Patient services', home: 'Home', guide: 'Guide', book: 'Book', queue: 'Queue', me: 'Me' },
  notPatient: { title: 'Patient services are for patients', text: 'You are signed in with a staff account. Patients sign in with their own account.', home: 'Back to the workspace' },
  home: {
    title: 'Huiyi patient services', hello: 'Hello, {{name}}', helloAnonymous: 'Hello', subtitle: 'Get well soon', mrn: 'Record no. {{mrn}}',
    actions: { guide: 'Symptom guide', book: 'Book a visit', appointments: 'My appointments', queue: 'Queue', results: 'My results', inbox: 'Messages' },
    ticket: 'Your number', next: 'Next appointment', noNext: 'No appointment yet', view: 'View', unavailable: 'Appointments are not available right now; try again later',
    unread_one: 'You have 1 unread message', unread_other: 'You have {{count}} unread messages',
    survey_one: 'A visit waits for your feedback', survey_other: '{{count}} visits wait for your feedback',
  },
  guide: { title: 'Symptom guide' },
  book: {
    title: 'Book a visit', rescheduleTitle: 'Reschedule', step1: '1. Department', step2: '2. Day', step3: '3. Time', step4: '4. Confirm',
    searchDept: 'Search departments', change: 'Change', noDepartments: 'No department found', nextFree: 'Next free: {{when}}', full: 'Fully booked for now',
    noSlots: 'No free times on this day; try another day', doctor: 'Doctor', confirm: 'Book this time', confirmReschedule: 'Move to this time',
    booked: 'Booked', rescheduled: 'Rescheduled', toMine: 'My appointments',
    fromGuide: 'What you told the symptom guide goes to the doctor with this booking',
  },
  appointments: {
    title: 'My appointments', new: 'Book', upcoming: 'Upcoming', past: 'Past', none: 'No upcoming appointments', nonePast: 'No past appointments',
    cancel: 'Cancel', cancelTitle: 'Cancel this appointment?', cancelText: 'The time on {{when}} will be given to other patients.', cancelled: 'Appointment cancelled',
    reschedule: 'Reschedule', toQueue: 'See the queue', stopped: 'Clinic cancelled', stoppedText: 'The doctor cancelled this clinic; please choose another time',
    status: { booked: 'Booked', arrived: 'Checked in', fulfilled: 'Seen', cancelled: 'Cancelled', noshow: 'Missed', pending: 'Pending', 'checked-in': 'Checked in' },
  },
  checkIn: {
    button: 'Check in', done: 'Checked in: your number is {{number}}', room_one: 'Please wait at {{room}}; 1 person is ahead of you.', room_other: 'Please wait at {{room}}; {{count}} people are ahead of you.', follow: 'Follow the queue',
  },
  queue: {
    title: 'Queue', number: 'Number', none: 'You are not in a queue today. On the day of your visit, check in from My appointments.', toAppointments: 'Check in',
    ahead_one: '1 person ahead of you', ahead_other: '{{count}} people ahead of you', next: 'You are next: please wait at the door', waiting: 'Waiting', calledShort: 'You are being called',
    called: 'Please go to {{room}} now', skipped: 'Missed your call', done: 'Visit finished', rejoins_one: 'You re-join the queue after 1 more call', rejoins_other: 'You re-join the queue after {{count}} more calls',
    checkedIn: 'checked in {{time}}', calledAt: 'called {{time}}', updated: 'Updated {{time}}', auto: 'Refreshes every few seconds', offline: 'The queue cannot be refreshed right now',
  },
  results: {
    title: 'My results', intro: 'Reports your doctor has reviewed and released to you.', none: 'No released reports yet',
    issued: 'Report {{when}}', released: 'released {{when}}', range: 'Reference {{range}}', high: 'High', low: 'Low', conclusion: 'Conclusion:',
    ask: 'Your doctor explains what the results mean; ask them if anything is unclear.',
  },
  inbox: {
    title: 'Messages', none: 'No messages', offered: 'Times held for you:', offeredGone: 'The times held for you are taken.', otherTime: 'Choose another time',
    take: 'Move to this time', takeTitle: 'Move your appointment to this time?', takeText: '{{when}} {{with}}', taken: 'Rescheduled',
  },
  survey: {
    title: 'Satisfaction survey', intro: 'Tell us how your recent visit went; it helps us improve.', none: 'No visits waiting for feedback',
    required: 'Please answer this question', submit: 'Send', fix: 'Please answer the questions marked in red', thanks: 'Thank you for your feedback', thanksText: 'We read every answer.', home: 'Home',
  },
  me: {
    title: 'Me', mrn: 'Record no.', idNumber: 'ID number', phone: 'Mobile', account: 'Account', appointments: 'My appointments', results: 'My results',
    inbox: 'Messages', survey: 'Satisfaction survey', language: 'Language / 语言', logout: 'Sign out',
  },
  register: {
    title: 'Register as a patient', intro: 'Register under your real name with your own identity document. Then book visits, check in and see your results.',
    name: 'Name', namePlaceholder: 'as on the document', idType: 'Document', idNumber: 'Document number', sex: 'Sex', sexes: { male: 'Male', female: 'Female' },
    birthDate: 'Date of birth', phone: 'Mobile number', phonePlaceholder: '11-digit mobile number', username: 'Username', usernameHint: 'for signing in: letters and digits',
    password: 'Password', passwordHint: 'at least {{min}} characters, not the username', confirm: 'Repeat the password', mismatch: 'The passwords differ',
    privacy: 'Your document and mobile numbers are used only for your medical record and visit notices.', submit: 'Register and sign in',
    haveAccount: 'Already registered?', signIn: 'Sign in',
  },
};
