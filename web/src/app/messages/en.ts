// The shell's strings in English. Keep the same keys as zh-CN.ts.
import type { zhCN } from './zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const en: Shape<typeof zhCN> = {
  app: { name: 'Huiyi', fullName: 'Huiyi Smart Hospital', tagline: 'Open smart-hospital platform · FHIR R4' },
  common: {
    save: 'Save', cancel: 'Cancel', confirm: 'Confirm', close: 'Close', edit: 'Edit', add: 'Add', delete: 'Delete', search: 'Search',
    reset: 'Reset', retry: 'Retry', refresh: 'Refresh', back: 'Back', loading: 'Loading…', empty: 'No data', yes: 'Yes', no: 'No',
    actions: 'Actions', status: 'Status', required: 'This field is required', saved: 'Saved', copy: 'Copy', copied: 'Copied',
  },
  login: {
    title: 'Sign in', subtitle: 'Use the account your hospital gave you', username: 'Username', password: 'Password', submit: 'Sign in',
    usernameRequired: 'Enter your username', passwordRequired: 'Enter your password', totp: 'Authenticator code', totpHint: 'Open your authenticator app and enter the 6-digit code',
    totpRequired: 'Enter the 6-digit code', totpFormat: 'The code has 6 digits', failed: 'Sign-in failed',
  },
  enrol: {
    title: 'Set up an authenticator', intro: 'Administrator accounts must set up an authenticator app (TOTP, e.g. Google Authenticator, Microsoft Authenticator or FreeOTP) at the first sign-in.',
    step1: 'Scan the QR code with the authenticator app, or type in the key below:', secret: 'Key', uri: 'Setup link', step2: 'Enter the 6-digit code the app shows to finish:',
    code: 'Code', submit: 'Finish setup', restart: 'New key', done: 'Authenticator set up',
  },
  shell: {
    logout: 'Sign out', language: 'Language', menu: 'Menu', home: 'Home', signedInAs: 'Signed in as', collapse: 'Collapse menu', expand: 'Expand menu',
  },
  roles: {
    admin: 'Administrator', doctor: 'Doctor', nurse: 'Nurse', pharmacist: 'Pharmacist', technician: 'Technician', manager: 'Manager', patient: 'Patient',
    dispatcher: 'Dispatcher', device: 'Device',
  },
  home: {
    welcome: 'Welcome, {{name}}', intro: 'Choose your work from the menu on the left.', noModules: 'There is no workspace for your role yet; contact the IT department.',
  },
  notFound: { title: 'Page not found', subtitle: 'The page you opened does not exist or was removed.', home: 'Back to home' },
  errors: {
    network: 'The server cannot be reached; check the network and try again.', unauthenticated: 'Your session has ended; please sign in again.', forbidden: 'You may not do this.',
    notFound: 'Not found.', conflict: 'Someone else changed this record; reload and try again.', tooLarge: 'What you sent is too large.',
    tooMany: 'Too many requests; try again shortly.', server: 'The server ran into a problem; try again later.', badRequest: 'Some input is not valid; check it and try again.',
    page: 'This page failed', pageSubtitle: 'Reload the page; if the problem stays, contact the IT department.',
    codes: {
      invalid_username: 'A username has 1–64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit.', username_taken: 'This username is taken.',
      invalid_roles: 'Choose a valid role.', invalid_fhir_link: 'The linked FHIR resource does not exist or does not fit the role (staff: Practitioner/PractitionerRole, patients: Patient, devices: Device).',
      weak_password: 'The password is too weak: at least 10 characters for staff (8 for patients), not the username, at least 4 different characters, and not a published demo password.',
      invalid_credentials: 'Wrong username or password.', account_locked: 'Too many failed sign-ins: the account is locked for a while.',
      too_many_requests: 'Too many attempts; try again later.', totp_required: 'Enter the authenticator code.', invalid_totp: 'The code is wrong or was used already; wait for the next one.',
      totp_enrollment_required: 'Set up an authenticator first.', totp_not_pending: 'The setup expired; generate a new key.', unauthenticated: 'Your session has ended; please sign in again.',
      forbidden: 'You may not do this.', csrf_failed: 'The session is out of date; reload the page and try again.', not_found: 'Not found.',
    },
  },
};
