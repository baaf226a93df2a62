import { Command, Option } from 'commander';
import { VERSION } from '../server/version.js';
import { serveCommand } from './serve.js';
import { migrateCommand } from './migrate.js';
import { seedCommand } from './seed.js';
import { importCommand } from './import.js';
import { ROLES, userAddCommand, userListCommand, userDisableCommand, userEnableCommand, userResetPasswordCommand } from '../security/identity/index.js';
import { clientAddCommand } from '../security/oauth/index.js';
import { auditVerifyCommand, auditProveCommand, auditVerifyProofCommand } from '../security/audit/cli.js';

const dbOption = () =>
  new Option('--db <url>', 'database URL: sqlite:PATH or postgres://… (env HUIYI_DATABASE_URL; default sqlite:./data/huiyi.db)');

const program = new Command('huiyi')
  .description('Huiyi 慧医 — open smart-hospital platform on a FHIR R4 core')
  .version(VERSION)
  .showHelpAfterError();

program
  .command('serve')
  .description('start the HTTP server (FHIR API at /fhir)')
  .addOption(dbOption())
  .option('--port <n>', 'HTTP port (env HUIYI_PORT; default 8080)')
  .option('--host <addr>', 'interface to listen on (env HUIYI_HOST; default 127.0.0.1)')
  .option('--demo', 'load the demo hospital on first run (when the database has none), dated around today')
  .action(serveCommand);

program
  .command('migrate')
  .description('create or upgrade the database schema')
  .addOption(dbOption())
  .action(migrateCommand);

program
  .command('seed')
  .description('load data into the database')
  .addOption(dbOption())
  .option('--demo', 'the deterministic demo hospital (departments, wards and beds, staff, ~200 patients)')
  .option('--patients <n>', 'number of demo patients', '200')
  .option('--seed <n>', 'random seed of the demo generator', '20231101')
  .action(seedCommand);

program
  .command('import')
  .description('load Bundle (batch/transaction), NDJSON and resource files or folders of them; re-running adds no duplicates')
  .argument('<paths...>', 'files or folders')
  .addOption(dbOption())
  .option('--concurrency <n>', 'files loaded in parallel (default 1 on SQLite, 4 on PostgreSQL)')
  .option('--report <file>', 'write the summary and per-file errors as JSON')
  .action(importCommand);

const user = program.command('user').description('user accounts (staff, patients, devices)');
user
  .command('add')
  .description('create a user; prints a generated password unless --password is given')
  .argument('<username>')
  .requiredOption('--role <roles>', `role(s): ${ROLES.join(', ')}`)
  .option('--name <display name>', 'name shown in the app')
  .option('--fhir <reference>', 'the FHIR resource the user is: Practitioner/…, PractitionerRole/…, Patient/…, RelatedPerson/…, Device/…')
  .option('--password <password>', 'initial password (else one is generated and printed)')
  .addOption(dbOption())
  .action(async (username: string, o: Parameters<typeof userAddCommand>[1]) => void (await userAddCommand(username, o)));
user
  .command('list')
  .description('list users with their roles and state')
  .addOption(dbOption())
  .action(async (o: { db?: string }) => void (await userListCommand(o)));
user.command('disable').description('disable a user and end their sessions').argument('<username>').addOption(dbOption()).action(userDisableCommand);
user.command('enable').description('enable a disabled user').argument('<username>').addOption(dbOption()).action(userEnableCommand);
user
  .command('reset-password')
  .description('set a new password (generated and printed unless --password is given)')
  .argument('<username>')
  .option('--password <password>', 'the new password')
  .option('--reset-totp', 'also remove the authenticator (the user enrols again)')
  .addOption(dbOption())
  .action(async (username: string, o: Parameters<typeof userResetPasswordCommand>[1]) => void (await userResetPasswordCommand(username, o)));

program
  .command('client')
  .description('OAuth clients (SMART apps and backend services)')
  .command('add')
  .description('register a client; prints client_id (and client_secret once, with --secret)')
  .requiredOption('--name <name>', 'client name shown on the consent page')
  .requiredOption('--scopes <scopes>', 'allowed scopes, space-separated, e.g. "launch/patient openid fhirUser patient/*.rs"')
  .option('--redirect-uri <uris>', 'redirect URI(s), comma-separated (apps using the authorization code flow)')
  .option('--jwks <file>', 'public JWKS of a backend service (private_key_jwt client assertions)')
  .option('--secret', 'a confidential client with a client secret (client_secret_basic)')
  .addOption(dbOption())
  .action(clientAddCommand);

const audit = program.command('audit').description('the tamper-evident audit ledger');
audit
  .command('verify')
  .description('check the whole hash chain and the signed checkpoints; names the first bad entry')
  .option('--tenant <id>', 'tenant (default HUIYI_TENANT)')
  .option('--witness <file>', 'witness file of checkpoints (JSON lines) to check against')
  .addOption(dbOption())
  .action(async (o: Parameters<typeof auditVerifyCommand>[0]) => void (await auditVerifyCommand(o)));
audit
  .command('prove')
  .description('print the inclusion proof of one entry (ledger entry number or AuditEvent id), checkable offline')
  .argument('<id>')
  .option('--tenant <id>', 'tenant (default HUIYI_TENANT)')
  .option('--out <file>', 'write the proof to a file')
  .addOption(dbOption())
  .action(auditProveCommand);
audit
  .command('verify-proof')
  .description('check a proof file offline (no database)')
  .argument('<file>')
  .option('--trust <pem>', 'require this public key')
  .action(async (file: string, o: { trust?: string }) => void (await auditVerifyProofCommand(file, o)));

program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(`huiyi: ${(e as Error).message}`);
  process.exit(1);
});
