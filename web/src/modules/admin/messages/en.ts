// The admin workspace's strings in English (same keys as zh-CN.ts).
import type { zhCN } from './zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const en: Shape<typeof zhCN> = {
  nav: { users: 'Users', clients: 'Apps', policies: 'Access policies' },
  home: {
    title: 'Administration', intro: 'Manage user accounts, connected apps (OAuth clients) and the data access policy of each role. Every change is audited.',
    users: 'Add users, link their FHIR identity, disable or enable accounts, reset passwords', clients: 'Register SMART on FHIR apps and issue their client_id and secret', policies: 'View and change what each role may read and write, and whose records',
  },
  users: {
    add: 'Add user', create: 'Create', username: 'Username', usernameHint: 'For signing in, e.g. zhang.wei; case does not matter', usernameRequired: 'Enter a username',
    displayName: 'Name', role: 'Role', roleRequired: 'Choose a role', fhirUser: 'FHIR identity',
    fhirUserStaffHint: 'Staff are linked to their PractitionerRole, which sets their department and wards', fhirUserPatientHint: 'A patient account is linked to its Patient, e.g. Patient/pat-0001',
    fhirUserDeviceHint: 'A device account is linked to its Device, e.g. Device/monitor-1', fhirUserRequired: 'This role needs a FHIR identity', fhirUserFormat: 'Type/id, e.g. PractitionerRole/prole-001',
    fhirUserPick: 'Search by name or department', password: 'Initial password', passwordGenerate: 'Generate (recommended)', passwordSet: 'Set it myself',
    passwordRules: 'At least 10 characters for staff (8 for patients), not the username, not a published demo password', passwordRequired: 'Enter a password',
    passwordTitle: 'Note the new password', passwordFor: 'Password of {{username}}:', passwordOnce: 'The password is shown only this once: copy it now and give it to the user safely.',
    resetTitle: 'Reset the password of {{username}}', reset: 'Reset password', resetTotp: 'Also remove the authenticator (lost phone)', resetTotpHint: 'The user sets up an authenticator again at the next sign-in',
    filter: 'Filter by username, name, role', enabled: 'Enabled {{username}}', disabledDone: 'Disabled {{username}}; all their sessions ended',
    state: 'State', stateActive: 'Active', stateDisabled: 'Disabled', stateLocked: 'Locked', lockedUntil: 'Locked until {{time}}',
    totpOn: 'Authenticator set up', totpPending: 'Authenticator pending', demoPassword: 'Demo password', demoPasswordHint: 'Still uses a published demo password; reset it for production',
    enable: 'Enable', disable: 'Disable', enableConfirm: 'Enable {{username}}?', disableConfirm: 'Disable {{username}}? All their sessions end at once.',
  },
  clients: {
    intro: 'Third-party apps reach this hospital\'s data through SMART on FHIR. Registering one issues its client_id (and, for a confidential client, a secret shown once).',
    add: 'Register app', register: 'Register', name: 'App name', nameRequired: 'Enter the app\'s name', kind: 'Client type',
    kinds: { public: 'Public (PKCE)', secret: 'Confidential (secret)', jwks: 'Confidential (key JWT)' },
    kindHint: {
      public: 'Browser or mobile app: no secret; authorization code + PKCE', secret: 'App with a server: authenticates with client_secret_basic',
      jwks: 'System to system (backend service): authenticates with JWTs signed by its private key; paste its public JWKS here',
    },
    scopes: 'Allowed scopes', scopesHint: 'e.g. launch/patient, patient/*.rs, system/*.rs; you can type them', scopesRequired: 'Choose at least one scope',
    redirectUris: 'Redirect URIs', redirectHint: 'Type a full URL and press Enter; required for public and secret clients', redirectRequired: 'Enter at least one redirect URI',
    jwks: 'Public keys (JWKS)', jwksHint: 'Public keys only; RS384 or ES384', jwksRequired: 'Paste the public JWKS', jwksJson: 'The JWKS is not valid JSON',
    created: 'App registered', secretOnce: 'The secret is shown only this once: copy it now and give it to the app\'s developers safely.', disabled: 'Disabled {{name}}',
    disable: 'Disable', disableConfirm: 'Disable {{name}}?', disableHint: 'All its grants and tokens stop working at once.', none: 'No apps registered yet',
  },
  policies: {
    intro: 'One policy per role: the resource types it may read, write and delete, and whose records. Changes apply at once and are audited.',
    description: 'Description', patients: 'Patients', patientsHint: 'Whose clinical records this role may see',
    scope: { all: 'Every patient', ward: 'Patients on their wards', self: 'Their own', none: 'None' },
    read: 'May read', readHint: 'Read, search and history; * means every type', write: 'May write', writeHint: 'Create and update', delete: 'May delete', deleteHint: 'Delete',
    shared: 'Shared types', sharedHint: 'Types readable whatever the patient scope (directories such as organizations, locations, staff)', sharedDefault: 'Empty: the default directory types',
    breakGlass: 'May break the glass', breakGlassHint: 'Can open a record outside their scope with a stated reason; audited, and the patient\'s doctors are told',
    allTypes: '* every type', saved: 'Saved the policy of "{{role}}"', reset: 'Restore default', resetConfirm: 'Restore this role\'s default policy?', resetDone: 'Default policy restored',
    problem: { unknownType: 'Unknown resource type "{{type}}"', list: 'Enter a list of resource types', patients: 'Choose whose records' },
    updated: 'Last changed by {{who}} at {{time}}',
  },
};
