// The ingest path alone, for a CPU profile:
//   node --cpu-prof --cpu-prof-dir=/tmp/huiyi-prof --import tsx bench/profile-ingest.ts [sqlite|postgres] [concurrency]
//   node --import tsx bench/cpu-summary.ts /tmp/huiyi-prof/*.cpuprofile
import type { Kind } from './args.js';
import { cleanupAll } from './databases.js';
import { huiyiLoad } from './ingest.js';
import { SYNTHEA_DIR, syntheaFiles } from './synthea.js';

const kind = (process.argv[2] ?? 'sqlite') as Kind;
const concurrency = Number(process.argv[3] ?? 1);
const files = syntheaFiles(false);
if (!files) {
  console.error(`Synthea test data not found at ${SYNTHEA_DIR}`);
  process.exit(1);
}
try {
  const { run } = await huiyiLoad(kind, process.env.HUIYI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test', files, concurrency, 'profile');
  console.log(JSON.stringify(run));
} finally {
  await cleanupAll();
}
