import { Command, Option } from 'commander';
import { VERSION } from '../server/version.js';
import { serveCommand } from './serve.js';
import { migrateCommand } from './migrate.js';
import { seedCommand } from './seed.js';
import { importCommand } from './import.js';

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
  .option('--demo', 'load the demo hospital on first run (when the database has none)')
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

program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(`huiyi: ${(e as Error).message}`);
  process.exit(1);
});
