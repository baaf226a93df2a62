// Schema migrations of the security modules, applied with the core's (openStore({ migrations })).
import type { Migration } from '../fhir/store/migrations.js';
import { AUDIT_MIGRATION } from './audit/schema.js';
import { AUDIT_INDEXED_MIGRATION, AUDIT_QUEUE_META_MIGRATION, AUDIT_QUEUE_MIGRATION } from './audit/queue.js';
import { AUDIT_LEDGER_INDEX_MIGRATION } from './audit/ledger-index.js';
import { AUDIT_PATIENT_STAGING_MIGRATION } from './audit/patient-postings.js';
import { AUDIT_JOURNAL_MIGRATION } from './audit/journal.js';
import { IDENTITY_MIGRATION } from './identity/schema.js';
import { OAUTH_MIGRATION } from './oauth/schema.js';
import { ACCESS_MIGRATION } from './access/schema.js';

export const SECURITY_MIGRATIONS: readonly Migration[] = [AUDIT_MIGRATION, IDENTITY_MIGRATION, OAUTH_MIGRATION, ACCESS_MIGRATION, AUDIT_QUEUE_MIGRATION, AUDIT_INDEXED_MIGRATION, AUDIT_LEDGER_INDEX_MIGRATION, AUDIT_QUEUE_META_MIGRATION, AUDIT_PATIENT_STAGING_MIGRATION, AUDIT_JOURNAL_MIGRATION];
