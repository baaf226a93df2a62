// Strings of the queue module in English. Keep the same keys as zh-CN.ts.
export const en = {
  nav: { queue: 'Queue calling', board: 'Waiting-room board' },
  status: { waiting: 'Waiting', called: 'Called', skipped: 'Skipped', done: 'Seen', cancelled: 'Cancelled' },
  doctor: {
    title: 'Clinic queue', room: 'Room', chooseRoom: 'Choose a room', noRoom: 'You have no clinic session today; choose a room.', session: 'Session {{start}}–{{end}}',
    openBoard: 'Open the waiting-room board', current: 'Now seeing', nobodyCalled: 'Nobody called yet. Press "Call next" to start.', next: 'Call next', recall: 'Recall', skip: 'Skip', finish: 'Finish visit',
    openChart: 'Open chart', waiting: 'Waiting', waitingCount: '{{n}} waiting', skipped: 'Skipped', done: '{{n}} seen', nobodyWaiting: 'Nobody is waiting',
    noSkipped: 'No skipped patients', rejoins: 'Back in line after {{n}} more calls', rejoined: 'Back in line', late: 'Late', calls: 'Call {{n}}', checkedIn: 'Checked in {{time}}',
    called: 'Called number {{ticket}}', noneLeft: 'Nobody is waiting any more', finished: 'Number {{ticket}} finished', skippedDone: 'Number {{ticket}} skipped', recalled: 'Number {{ticket}} called again',
    skipConfirm: 'Skip number {{ticket}}? The patient re-joins the line after a few more calls.', finishConfirm: 'Finish the visit of number {{ticket}}?', live: 'Live', offline: 'Reconnecting…',
  },
  columns: { ticket: 'No.', patient: 'Patient', checkedIn: 'Checked in', position: 'Ahead', actions: 'Actions' },
  preVisit: {
    title: 'Pre-visit note (smart guide)', none: 'The patient did not use the smart guide.', emergency: 'The guide flagged an emergency: assess first', redFlags: 'Red flags', complaint: "Patient's words", departments: 'Departments suggested', authored: 'Entered {{time}}',
  },
  board: {
    title: 'Queue', allRooms: 'All clinics', callNow: 'Number {{ticket}}, {{name}}, please go to {{room}}', nowServing: 'Now serving', next: 'Next', waiting: '{{n}} waiting',
    recent: 'Recent calls', noCalls: 'No calls yet', empty: 'Nobody has checked in yet today', enableSound: 'Enable sound', soundOn: 'Announcements on', soundOff: 'Sound off',
    soundUnsupported: 'This browser cannot speak announcements', soundTest: 'Announcements are on', live: 'Live', connecting: 'Connecting…', reconnecting: 'Connection lost, reconnecting…',
    ended: 'The session has ended: sign in again to open the board', unsupported: 'This browser cannot receive live updates', choose: 'Choose a department or room', department: 'Department', room: 'Room', all: 'All',
    apply: 'Apply', exit: 'Leave board', loginRequired: 'The board needs a staff account',
  },
};
