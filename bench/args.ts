export type Kind = 'sqlite' | 'postgres';
export type Section = 'ingest' | 'crud' | 'search' | 'guide';

/** Sections that need the Synthea data and the databases (guide needs neither). */
export const DB_SECTIONS: readonly Section[] = ['ingest', 'crud', 'search'];

export interface BenchArgs {
  dbs: Kind[];
  sections: Section[];
  /** search data sizes (resources), ascending */
  sizes: number[];
  /** seconds per HTTP run */
  duration: number;
  quick: boolean;
  /** timed calls per search query and size */
  iterations: number;
  /** skip search sizes whose estimated load time exceeds this */
  maxLoadMinutes: number;
  /** paired audit off/on rounds of the CRUD mix */
  auditRounds: number;
  /** the CRUD section measures only the audit ledger's cost (no other runs) */
  auditOnly: boolean;
  /** count the server's I/O syscalls in the audit rounds (Linux perf) */
  syscalls: boolean;
  /** servers on CPU 1, the load generator on CPU 0 (taskset) */
  pin: boolean;
  pgUrl: string;
}

const USAGE = `npm run bench -- [--db sqlite|postgres|both] [--sections ingest,crud,search,guide] [--sizes 50000,200000,1000000]
                     [--duration 15] [--iterations 200] [--max-load-minutes N] [--audit-rounds 4] [--audit-only] [--syscalls] [--pin] [--quick]`;

/** Parse the command line; --quick changes the defaults, explicit flags still win. */
export function parseArgs(argv: string[]): BenchArgs {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"\n${USAGE}`);
    const [k, inline] = a.slice(2).split('=', 2);
    if (k === 'quick' || k === 'help' || k === 'audit-only' || k === 'syscalls' || k === 'pin') flags.set(k, 'true');
    else if (inline !== undefined) flags.set(k, inline);
    else flags.set(k, argv[++i] ?? '');
  }
  if (flags.has('help')) {
    console.log(USAGE);
    process.exit(0);
  }
  const known = ['db', 'sections', 'sizes', 'duration', 'quick', 'iterations', 'max-load-minutes', 'audit-rounds', 'audit-only', 'syscalls', 'pin'];
  for (const k of flags.keys()) if (!known.includes(k)) throw new Error(`unknown flag --${k}\n${USAGE}`);
  const quick = flags.has('quick');
  const db = flags.get('db') ?? 'both';
  if (!['sqlite', 'postgres', 'both'].includes(db)) throw new Error(`--db must be sqlite, postgres or both`);
  const sections = (flags.get('sections') ?? 'ingest,crud,search,guide').split(',').map((s) => s.trim()) as Section[];
  for (const s of sections) if (!['ingest', 'crud', 'search', 'guide'].includes(s)) throw new Error(`unknown section "${s}"`);
  const sizes = (flags.get('sizes') ?? (quick ? '3000,6000' : '50000,200000,1000000')).split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes must be positive integers');
  const num = (k: string, dflt: number) => {
    const n = Number(flags.get(k) ?? dflt);
    if (Number.isNaN(n) || n <= 0) throw new Error(`--${k} must be a positive number`);
    return n;
  };
  return {
    dbs: db === 'both' ? ['sqlite', 'postgres'] : [db as Kind],
    sections,
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    duration: num('duration', quick ? 2 : 15),
    quick,
    iterations: Math.round(num('iterations', quick ? 20 : 200)),
    maxLoadMinutes: num('max-load-minutes', Infinity),
    auditRounds: Math.max(1, Math.round(num('audit-rounds', quick ? 1 : 4))),
    auditOnly: flags.has('audit-only'),
    syscalls: flags.has('syscalls'),
    pin: flags.has('pin'),
    pgUrl: process.env.HUIYI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  };
}
