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
  /** production refuses demo passwords and the open-FHIR development flag */
  production: boolean;
  /** HUIYI_DEV_OPEN_FHIR: the FHIR API without authentication (local development only) */
  openFhir: boolean;
  /** origins allowed to call the API from a browser (CORS); empty = same origin only */
  corsOrigins: string[];
  /** public URL of the server (OAuth issuer), e.g. https://his.example.org */
  publicUrl: string;
  /** HUIYI_AUDIT=off stops recording AuditEvents (benchmarks only; refused in production) */
  audit: boolean;
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
  ['HUIYI_ENV', 'development', '`production` refuses demo passwords and HUIYI_DEV_OPEN_FHIR, and marks cookies Secure'],
  ['HUIYI_PUBLIC_URL', 'http://localhost:$HUIYI_PORT', 'Public URL of the server: OAuth issuer; the FHIR base is this + /fhir unless HUIYI_BASE_URL says otherwise'],
  ['HUIYI_DEV_OPEN_FHIR', '(off)', '`1`: the FHIR API answers without authentication (local development only; never with HUIYI_ENV=production)'],
  ['HUIYI_AUDIT', 'on', '`off` stops recording AuditEvents: only to measure what auditing costs (`npm run bench`); refused with HUIYI_ENV=production'],
  ['HUIYI_CORS_ORIGINS', '(none)', 'Comma-separated browser origins allowed to call /fhir and the OAuth endpoints with tokens (e.g. a SMART app host); `*` for any'],
  // module settings are documented next to the code that reads them (e.g. APPOINTMENT_ENV_DOC, QUEUE_ENV_DOC)
];

export class ConfigError extends Error {}

/** A whole-number setting within [min, max]; empty or absent → dflt; anything else → ConfigError naming it. */
export function intSetting(name: string, v: string | undefined, dflt: number, min: number, max: number): number {
  if (v === undefined || v === '') return dflt;
  if (!/^\d+$/.test(v)) throw new ConfigError(`${name} must be a whole number, got "${v}"`);
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
  const envName = env.HUIYI_ENV ?? 'development';
  if (!['production', 'development', 'test'].includes(envName)) throw new ConfigError(`HUIYI_ENV must be production, development or test, got "${envName}"`);
  const production = envName === 'production';
  const openFhir = ['1', 'true', 'yes'].includes((env.HUIYI_DEV_OPEN_FHIR ?? '').toLowerCase());
  if (openFhir && production) throw new ConfigError('HUIYI_DEV_OPEN_FHIR opens patient data to anyone: it is refused with HUIYI_ENV=production');
  const auditSetting = (env.HUIYI_AUDIT ?? 'on').toLowerCase();
  if (!['on', 'off'].includes(auditSetting)) throw new ConfigError(`HUIYI_AUDIT must be on or off, got "${env.HUIYI_AUDIT}"`);
  if (auditSetting === 'off' && production) throw new ConfigError('HUIYI_AUDIT=off is refused with HUIYI_ENV=production: every access must be recorded');
  const port = intSetting('port', flags.port ?? env.HUIYI_PORT, 8080, 0, 65535);
  const publicUrl = (env.HUIYI_PUBLIC_URL || (baseUrl ? baseUrl.replace(/\/$/, '').replace(/\/fhir$/, '') : `http://localhost:${port}`)).replace(/\/$/, '');
  if (!/^https?:\/\//.test(publicUrl)) throw new ConfigError('HUIYI_PUBLIC_URL must be an http(s) URL');
  const corsOrigins = (env.HUIYI_CORS_ORIGINS ?? '').split(',').map((s) => s.trim().replace(/\/$/, '')).filter(Boolean);
  return {
    audit: auditSetting === 'on',
    production,
    openFhir,
    corsOrigins,
    publicUrl,
    databaseUrl,
    port,
    host: flags.host ?? env.HUIYI_HOST ?? '127.0.0.1',
    tenant,
    baseUrl: baseUrl?.replace(/\/$/, ''),
    logLevel: env.HUIYI_LOG_LEVEL ?? 'info',
    maxBodyBytes: intSetting('HUIYI_MAX_BODY_BYTES', env.HUIYI_MAX_BODY_BYTES, 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    dbPoolSize: intSetting('HUIYI_DB_POOL', env.HUIYI_DB_POOL, 20, 1, 1000),
    eventBus: env.HUIYI_EVENT_BUS || undefined,
    maxBundleEntries: intSetting('HUIYI_MAX_BUNDLE_ENTRIES', env.HUIYI_MAX_BUNDLE_ENTRIES, 10000, 1, 1000000),
  };
}
