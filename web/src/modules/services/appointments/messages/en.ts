// Strings of the appointments module in English. Keep the same keys as zh-CN.ts.
export const en = {
  nav: { appointments: 'Appointments' },
  title: 'Timed appointments',
  tabs: { book: 'Book', list: 'Appointments', roster: 'Sessions & stops' },
  weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  today: 'Today',
  tomorrow: 'Tomorrow',
  am: 'Morning',
  pm: 'Afternoon',
  book: {
    patient: 'Patient', patientPlaceholder: 'Name, pinyin, record number, ID or phone number', patientHint: 'Nurses find the patients of their own ward only (access policy)',
    department: 'Department', departmentPlaceholder: 'Choose a department', date: 'Date', nextFree: 'next free {{when}}', noNextFree: 'no free slot',
    pickPatient: 'Choose the patient first', pickDepartment: 'Choose a department to see its slots', confirmTitle: 'Confirm the booking', confirm: 'Book',
    booked: 'Booked {{when}} for {{patient}}', noSlots: 'No clinic slots in this department on that day', free: 'Free', taken: 'Booked', stopped: 'Stopped',
    freeCount: '{{n}} free', legend: 'Click a free time to book it',
  },
  list: {
    date: 'Day', patient: 'Patient', allPatients: 'All patients', empty: 'No appointments', refresh: 'Refresh',
    cancel: 'Cancel', cancelTitle: 'Cancel this appointment?', cancelReason: 'Reason (optional)', cancelled: 'Appointment cancelled',
    reschedule: 'Reschedule', rescheduleTitle: 'Reschedule: choose a new time', rescheduled: 'Moved to {{when}}', byClinic: 'cancelled by the clinic', byPatient: 'cancelled by the patient', byStaff: 'cancelled by staff',
  },
  columns: { time: 'Time', patient: 'Patient', department: 'Department', doctor: 'Doctor', room: 'Room', status: 'Status', channel: 'Booked via', actions: 'Actions' },
  status: {
    proposed: 'Proposed', pending: 'Pending', booked: 'Booked', arrived: 'Checked in', fulfilled: 'Seen', cancelled: 'Cancelled', noshow: 'No-show',
    'entered-in-error': 'Entered in error', 'checked-in': 'Checked in', waitlist: 'Waitlist',
  },
  channel: { portal: 'Patient (online)', desk: 'Desk / nurse station' },
  roster: {
    generateTitle: 'Generate slots from the rosters', generateHelp: "Creates clinic slots from the doctors' clinic hours (PractitionerRole.availableTime) and rooms; sessions that already have slots stay as they are, so it can be run again.",
    from: 'From', days: 'Days', generate: 'Generate slots', generated: '{{created}} new slots ({{schedules}} schedules, {{generatedSessions}} of {{sessions}} sessions, {{slotMinutes}} minutes each)',
    stopTitle: 'Stop a session', stopHelp: 'Stopping a session closes its slots, cancels its bookings and sends each patient a notice (Chinese and English) with the next free times.',
    department: 'Department', schedule: 'Doctor and room', schedulePlaceholder: 'Choose a schedule', date: 'Date', session: 'Session', wholeDay: 'Whole day',
    reason: 'Reason', reasonPlaceholder: 'e.g. emergency surgery, consultation elsewhere', reasonRequired: 'Give the reason', stop: 'Stop session',
    stopConfirm: 'Stop this session? Booked patients are cancelled and notified.', stopped: 'Session stopped: {{slots}} slots closed, {{cancelled}} appointments cancelled, {{notified}} patients notified',
    offered: 'Times offered in the notice', required: 'Required',
  },
  titles: {
    'chief-physician': 'Chief physician', 'associate-chief-physician': 'Associate chief physician', 'attending-physician': 'Attending physician', 'resident-physician': 'Resident',
  },
  errors: { noPatientAccess: 'You may not see this patient' },
};
