// SMART App Launch 2.0 scopes: parsing, v1 → v2 normalisation, granting and checking.

export type Level = 'patient' | 'user' | 'system';
export type Interaction = 'c' | 'r' | 'u' | 'd' | 's';

export const SPECIAL_SCOPES = ['openid', 'fhirUser', 'profile', 'launch', 'launch/patient', 'launch/encounter', 'offline_access', 'online_access'] as const;
export type SpecialScope = (typeof SPECIAL_SCOPES)[number];

export interface ResourceScope {
  kind: 'resource';
  level: Level;
  /** a resource type or `*` */
  type: string;
  /** canonical order c, r, u, d, s */
  interactions: Interaction[];
  /** SMART v2 granular scope, e.g. `category=laboratory` (kept, but grants nothing in scopeAllows) */
  query?: string;
}
export interface OtherScope {
  kind: 'special';
  name: SpecialScope;
}
export type Scope = ResourceScope | OtherScope;

const ORDER: Interaction[] = ['c', 'r', 'u', 'd', 's'];
const V1: Record<string, Interaction[]> = { read: ['r', 's'], write: ['c', 'u', 'd'], '*': ORDER };
const RESOURCE = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]{0,63})\.([A-Za-z*]+)(?:\?(.+))?$/;

/** One scope token, or undefined when it is not a scope this server knows. */
export function parseScope(token: string): Scope | undefined {
  if ((SPECIAL_SCOPES as readonly string[]).includes(token)) return { kind: 'special', name: token as SpecialScope };
  const m = RESOURCE.exec(token);
  if (!m) return undefined;
  const [, level, type, perm, query] = m;
  let interactions = V1[perm];
  if (interactions) {
    if (query) return undefined; // v1 scopes have no granular form
  } else {
    if (!/^[cruds]+$/.test(perm) || new Set(perm).size !== perm.length) return undefined;
    interactions = ORDER.filter((i) => perm.includes(i));
  }
  return { kind: 'resource', level: level as Level, type, interactions, ...(query ? { query } : {}) };
}

/** Parse a space-separated scope string; unknown scopes are dropped, duplicates merged. */
export function parseScopes(str: string | undefined): Scope[] {
  const out: Scope[] = [];
  for (const token of (str ?? '').split(/\s+/)) {
    const s = token && parseScope(token);
    if (s) out.push(s);
  }
  return merge(out);
}

export function formatScope(s: Scope): string {
  return s.kind === 'special' ? s.name : `${s.level}/${s.type}.${s.interactions.join('')}${s.query ? `?${s.query}` : ''}`;
}

export function formatScopes(scopes: readonly Scope[]): string {
  return scopes.map(formatScope).join(' ');
}

/** Same level, type and query → one scope with the union of interactions; order kept. */
function merge(scopes: Scope[]): Scope[] {
  const out: Scope[] = [];
  const byKey = new Map<string, ResourceScope>();
  for (const s of scopes) {
    if (s.kind === 'special') {
      if (!out.some((o) => o.kind === 'special' && o.name === s.name)) out.push(s);
      continue;
    }
    const key = `${s.level}/${s.type}?${s.query ?? ''}`;
    const prev = byKey.get(key);
    if (prev) prev.interactions = ORDER.filter((i) => prev.interactions.includes(i) || s.interactions.includes(i));
    else {
      const copy = { ...s, interactions: [...s.interactions] };
      byKey.set(key, copy);
      out.push(copy);
    }
  }
  return out;
}

/**
 * What may be granted: requested ∩ allowed, restricted to `levels`. A wildcard on one side takes the
 * other side's type, interactions are intersected, so a result is never broader than either input.
 */
export function grantScopes(requested: readonly Scope[], allowed: readonly Scope[], levels: readonly Level[]): Scope[] {
  const out: Scope[] = [];
  for (const r of requested) {
    if (r.kind === 'special') {
      if (allowed.some((a) => a.kind === 'special' && a.name === r.name)) out.push(r);
      continue;
    }
    if (!levels.includes(r.level)) continue;
    for (const a of allowed) {
      if (a.kind !== 'resource' || a.level !== r.level) continue;
      const type = r.type === '*' ? a.type : a.type === '*' || a.type === r.type ? r.type : undefined;
      if (!type) continue;
      if (a.query && r.query && a.query !== r.query) continue;
      const interactions = r.interactions.filter((i) => a.interactions.includes(i));
      if (!interactions.length) continue;
      const query = r.query ?? a.query;
      out.push({ kind: 'resource', level: r.level, type, interactions, ...(query ? { query } : {}) });
    }
  }
  return merge(out);
}

export function hasScope(scopes: readonly Scope[], name: SpecialScope): boolean {
  return scopes.some((s) => s.kind === 'special' && s.name === name);
}

export interface AccessRequest {
  level: Level;
  type: string;
  interaction: Interaction;
}

/**
 * True when some scope grants the interaction on the type at that level. Granular scopes (with a
 * query) are not counted: checking them needs the search itself, which the caller must do.
 */
export function scopeAllows(scopes: readonly Scope[], req: AccessRequest): boolean {
  return scopes.some(
    (s) => s.kind === 'resource' && !s.query && s.level === req.level && (s.type === '*' || s.type === req.type) && s.interactions.includes(req.interaction),
  );
}
