// Who may do what: the caller's role policies, narrowed by the token's SMART scopes, compiled into
// the core's AccessControl (type decisions plus the patients whose records are visible).
import type { AccessControl, Interaction } from '../../fhir/store/access.js';
import type { Db } from '../../fhir/store/db.js';
import type { EventBus } from '../../fhir/events/bus.js';
import type { FhirRepository } from '../../fhir/store/repository.js';
import { scopeAllows, type Interaction as SmartInteraction, type Level, type Scope } from '../oauth/scopes.js';
import { DIRECTORY_TYPES } from './default-policies.js';
import { activeGrants } from './grants.js';
import { listed, type AccessPolicy } from './policy.js';
import type { PolicyStore } from './policy-store.js';
import { locationsOf, patientsAt } from './wards.js';

export interface Caller {
  tenant: string;
  /** a person (web session or user token) or a backend client (client credentials) */
  kind: 'user' | 'client';
  userId?: string;
  username?: string;
  roles: string[];
  fhirUser?: string;
  clientId?: string;
  /** the token's scopes; absent for the web session, where the role policy alone decides */
  scopes?: Scope[];
  /** the token's launch context */
  patient?: string;
  ip?: string;
  userAgent?: string;
}

const SMART: Record<Interaction, SmartInteraction> = {
  read: 'r', vread: 'r', history: 'r', search: 's', create: 'c', update: 'u', patch: 'u', delete: 'd',
};

function policyList(p: AccessPolicy, i: Interaction): string[] {
  if (i === 'create' || i === 'update' || i === 'patch') return p.write;
  if (i === 'delete') return p.delete;
  return p.read;
}

export interface ResolvedAccess extends AccessControl {
  /** the policies in force (for the break-glass check and the UI) */
  policies: AccessPolicy[];
  /** a policy names AuditEvent itself (the security officer): the whole audit trail, not only that of visible patients */
  auditAll?: boolean;
}

export class AccessResolver {
  private wardCache = new Map<string, { at: number; patients: string[] }>();

  constructor(
    private readonly deps: { db: Db; repo: FhirRepository; policies: PolicyStore; bus?: EventBus; wardTtlMs?: number; now?: () => number },
  ) {
    // a new admission, transfer or role change shows at once
    deps.bus?.subscribe((e) => {
      if (e.type === 'Encounter' || e.type === 'PractitionerRole') this.wardCache.clear();
    });
  }

  async resolve(caller: Caller): Promise<ResolvedAccess> {
    const policies: AccessPolicy[] = [];
    for (const r of caller.roles) {
      const p = await this.deps.policies.get(caller.tenant, r);
      if (p) policies.push(p);
    }
    if (caller.kind === 'client') {
      // backend services: their registered system/ scopes are the policy; no patient restriction
      const scopes = caller.scopes ?? [];
      return { policies, allows: (type, i) => scopeAllows(scopes, { level: 'system', type, interaction: SMART[i] }) };
    }
    const byPolicy = (type: string, i: Interaction) => policies.some((p) => listed(policyList(p, i), type));
    let patients = await this.policyPatients(caller, policies);
    let allows = byPolicy;
    if (caller.scopes) {
      const scopes = caller.scopes;
      const has = (level: Level) => scopes.some((s) => s.kind === 'resource' && s.level === level);
      // user/ scopes act with the user's own reach; patient/ scopes only within the launch patient
      const level: Level | undefined = has('user') ? 'user' : has('patient') ? 'patient' : undefined;
      allows = (type, i) => !!level && byPolicy(type, i) && scopeAllows(scopes, { level, type, interaction: SMART[i] });
      if (level === 'patient') {
        const launch = caller.patient ? [caller.patient] : [];
        patients = patients ? launch.filter((p) => patients?.includes(p)) : launch;
      }
    }
    const shared = new Set(policies.flatMap((p) => p.shared ?? DIRECTORY_TYPES));
    const auditAll = policies.some((p) => p.read.includes('AuditEvent'));
    return { policies, allows, ...(auditAll ? { auditAll } : {}), ...(patients ? { patients, sharedTypes: shared } : {}) };
  }

  /** undefined = every patient */
  private async policyPatients(caller: Caller, policies: AccessPolicy[]): Promise<string[] | undefined> {
    if (!policies.length) return [];
    if (policies.some((p) => p.patients === 'all')) return undefined;
    const out = new Set<string>();
    for (const p of policies) {
      if (p.patients === 'self') for (const id of await this.selfPatients(caller)) out.add(id);
      if (p.patients === 'ward') for (const id of await this.wardPatients(caller)) out.add(id);
    }
    if (policies.some((p) => p.breakGlass) && caller.userId) {
      for (const g of await activeGrants(this.deps.db, caller.tenant, caller.userId, this.now())) out.add(g.patient);
    }
    return [...out];
  }

  private async selfPatients(caller: Caller): Promise<string[]> {
    const [type, id] = (caller.fhirUser ?? '').split('/');
    if (type === 'Patient' && id) return [id];
    if (type === 'RelatedPerson' && id) {
      const r = await this.deps.repo.search({ tenant: caller.tenant }, { types: ['RelatedPerson'], params: [['_id', id]] });
      const ref = (r.matches[0]?.patient as { reference?: string } | undefined)?.reference;
      return ref?.startsWith('Patient/') ? [ref.slice(8)] : [];
    }
    return [];
  }

  private async wardPatients(caller: Caller): Promise<string[]> {
    const key = `${caller.tenant}\u0000${caller.fhirUser ?? ''}`;
    const hit = this.wardCache.get(key);
    const ttl = this.deps.wardTtlMs ?? 30_000;
    if (hit && this.now() - hit.at < ttl) return hit.patients;
    const locations = await locationsOf(this.deps.repo, caller.tenant, caller.fhirUser);
    const patients = await patientsAt(this.deps.repo, caller.tenant, locations);
    this.wardCache.set(key, { at: this.now(), patients });
    return patients;
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }
}
