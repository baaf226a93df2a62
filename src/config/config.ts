// One typed configuration: command-line flags win over environment variables, which win over defaults.

export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  tenant: string;
  baseUrl?: string;
  logLevel: string;
  maxBodyBytes: number;
  dbPoolSize: number;
  maxBundleEntries: number;
  eventBus?: string;
}

export const ENV_DOC: [string, string, string][] = [
  ['HUIYI_DATABASE_URL', 'sqlite:./data/huiyi.db', 'Database: `sqlite:PATH` (embedded) or `postgres://user@host:5432/db[?schema=name]`'],
  ['HUIYI_PORT', '8080', 'HTTP port of `huiyi serve`'],
  ['HUIYI_HOST', '127.0.0.1', 'Interface to listen on (`0.0.0.0` for all)'],
  ['HUIYI_TENANT', 'default', 'Tenant (hospital) id used for requests in a single-hospital install'],
  ['HUIYI_BASE_URL', '(from the request)', 'Public base URL of the FHIR API, e.g. `https://fhir.example.org/fhir`'],
  ['HUIYI_LOG_LEVEL', 'info', 'pino log level: fatal, error, warn, info, debug, trace, silent'],
  ['HUIYI_MAX_BODY_BYTES', '16777216', 'Largest accepted request body (larger → 413)'],
  ['HUIYI_DB_POOL', '20', 'PostgreSQL connection pool size'],
  ['HUIYI_EVENT_BUS', 'memory', 'Change-event bus: `memory` (one node) or `redis://host:6379` (several API nodes)'],
  ['HUIYI_MAX_BUNDLE_ENTRIES', '10000', 'Most entries in one batch/transaction Bundle (more → 413)'],
];

export class ConfigError extends Error {}

function int(name: string, v: string | undefined, dflt: number, min: number, max: number): number {
  if (v === undefined || v === '') return dflt;
  if (!/^\d+$/.test(v)) throw new ConfigError(`${name} must be an integer, got "${v}"`);
  const n = Number(v);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function loadConfig(flags: { db?: string; port?: string; host?: string } = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = flags.db ?? env.HUIYI_DATABASE_URL ?? 'sqlite:./data/huiyi.db';
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) throw new ConfigError(`Database URL must start with sqlite: or postgres://, got "${databaseUrl}"`);
  const tenant = env.HUIYI_TENANT ?? 'default';
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(tenant)) throw new ConfigError(`HUIYI_TENANT must be lower-case letters, digits and -, got "${tenant}"`);
  const baseUrl = env.HUIYI_BASE_URL || undefined;
  if (baseUrl && !/^https?:\/\//.test(baseUrl)) throw new ConfigError(`HUIYI_BASE_URL must be an http(s) URL`);
  return {
    databaseUrl,
    port: int('port', flags.port ?? env.HUIYI_PORT, 8080, 0, 65535),
    host: flags.host ?? env.HUIYI_HOST ?? '127.0.0.1',
    tenant,
    baseUrl: baseUrl?.replace(/\/$/, ''),
    logLevel: env.HUIYI_LOG_LEVEL ?? 'info',
    maxBodyBytes: int('HUIYI_MAX_BODY_BYTES', env.HUIYI_MAX_BODY_BYTES, 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    dbPoolSize: int('HUIYI_DB_POOL', env.HUIYI_DB_POOL, 20, 1, 1000),
    eventBus: env.HUIYI_EVENT_BUS || undefined,
    maxBundleEntries: int('HUIYI_MAX_BUNDLE_ENTRIES', env.HUIYI_MAX_BUNDLE_ENTRIES, 10000, 1, 1000000),
  };
}
