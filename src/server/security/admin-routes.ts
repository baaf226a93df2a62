// Admin API for access policies, and the break-glass route for staff whose policy allows it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../fhir/store/db.js';
import type { FhirRepository } from '../../fhir/store/repository.js';
import type { Resource } from '../../fhir/types.js';
import { requireUser } from '../../security/identity/plugin.js';
import { ROLES } from '../../security/identity/roles.js';
import { policyProblems, type AccessPolicy } from '../../security/access/policy.js';
import type { PolicyStore } from '../../security/access/policy-store.js';
import { activeGrants, addGrant } from '../../security/access/grants.js';
import type { AccessResolver } from '../../security/access/resolve.js';
import { callerOfUser } from './fhir-auth.js';
import type { Actor } from '../../security/audit/events.js';
import { breakGlassEvent, policyChangeEvent } from '../../security/audit/events.js';

export interface AdminDeps {
  db: Db;
  repo: FhirRepository;
  policies: PolicyStore;
  resolver: AccessResolver;
  /** record audit events with `t` (inside the change's transaction) */
  recordInTx: (t: Db, tenant: string, events: Resource[]) => Promise<void>;
  actorOf: (req: FastifyRequest) => Actor;
}

const problem = (reply: FastifyReply, status: number, message: string, details?: string[]) =>
  reply.code(status).send({ error: status === 404 ? 'not_found' : 'invalid_request', message, ...(details ? { details } : {}) });

export function registerAdminRoutes(app: FastifyInstance, d: AdminDeps): void {
  const admin = { preHandler: requireUser('admin') };

  app.get('/admin/policies', admin, async (req) => {
    const all = await d.policies.all(req.user!.tenant);
    return { policies: ROLES.map((r) => all.get(r)).filter(Boolean) };
  });

  app.get<{ Params: { role: string } }>('/admin/policies/:role', admin, async (req, reply) => {
    const p = await d.policies.get(req.user!.tenant, req.params.role);
    return p ?? problem(reply, 404, `no policy for role "${req.params.role}"`);
  });

  app.put<{ Params: { role: string }; Body: unknown }>('/admin/policies/:role', admin, async (req, reply) => {
    const role = req.params.role;
    const problems = policyProblems(req.body, role);
    if (problems.length) return problem(reply, 400, 'The policy is not valid', problems);
    const tenant = req.user!.tenant;
    const before = await d.policies.get(tenant, role);
    const b = req.body as AccessPolicy;
    const after: AccessPolicy = {
      role, read: b.read, write: b.write, delete: b.delete, patients: b.patients,
      ...(b.description !== undefined ? { description: b.description } : {}), ...(b.shared ? { shared: b.shared } : {}), ...(b.breakGlass !== undefined ? { breakGlass: b.breakGlass } : {}),
    };
    await d.db.tx(async (t) => {
      await d.policies.put(t, tenant, after, req.user!.username);
      await d.recordInTx(t, tenant, [policyChangeEvent(d.actorOf(req), { role, before, after })]);
    });
    return d.policies.get(tenant, role);
  });

  app.delete<{ Params: { role: string } }>('/admin/policies/:role', admin, async (req, reply) => {
    const tenant = req.user!.tenant;
    const role = req.params.role;
    if (!(ROLES as readonly string[]).includes(role)) return problem(reply, 404, `unknown role "${role}"`);
    const before = await d.policies.get(tenant, role);
    await d.db.tx(async (t) => {
      await d.policies.reset(t, tenant, role);
      await d.recordInTx(t, tenant, [policyChangeEvent(d.actorOf(req), { role, before, after: 'default' })]);
    });
    return d.policies.get(tenant, role);
  });

  // Break the glass: open one patient's record outside the policy, for a stated reason (audited; the
  // patient's doctors get a Communication).
  app.post<{ Body: { patient?: unknown; reason?: unknown } }>('/auth/break-glass', { preHandler: requireUser() }, async (req, reply) => {
    const user = req.user!;
    const access = await d.resolver.resolve(callerOfUser(user));
    if (!access.policies.some((p) => p.breakGlass)) return reply.code(403).send({ error: 'forbidden', message: 'Your role may not break the glass.' });
    const body = (req.body ?? {}) as { patient?: unknown; reason?: unknown };
    const patient = typeof body.patient === 'string' ? body.patient.replace(/^Patient\//, '') : '';
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    if (!/^[A-Za-z0-9\-.]{1,64}$/.test(patient)) return problem(reply, 400, 'patient must be a Patient id or Patient/id');
    if (reason.length < 5 || reason.length > 1000) return problem(reply, 400, 'State the reason (5 to 1000 characters)');
    const ctx = { tenant: user.tenant };
    try {
      await d.repo.read(ctx, 'Patient', patient);
    } catch {
      return problem(reply, 404, `Patient/${patient} is not known`);
    }
    const doctors = await doctorsOf(d.repo, user.tenant, patient);
    const grant = await d.db.tx(async (t) => {
      const g = await addGrant(t, user.tenant, user.userId, patient, reason);
      await d.recordInTx(t, user.tenant, [breakGlassEvent(d.actorOf(req), { patient, reason })]);
      return g;
    });
    await d.repo.create(ctx, {
      resourceType: 'Communication',
      status: 'completed',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/communication-category', code: 'alert', display: 'Alert' }], text: 'break-glass' }],
      subject: { reference: `Patient/${patient}` },
      sent: new Date().toISOString(),
      ...(user.fhirUser ? { sender: { reference: user.fhirUser } } : {}),
      ...(doctors.length ? { recipient: doctors.map((r) => ({ reference: r })) } : {}),
      payload: [{ contentString: `${user.username} opened this record outside their ward (break-glass). Reason: ${reason}` }],
    });
    return reply.code(201).send(grant);
  });

  app.get('/auth/break-glass', { preHandler: requireUser() }, async (req) => ({ grants: await activeGrants(d.db, req.user!.tenant, req.user!.userId) }));
}

/** Practitioners taking part in the patient's current encounters. */
async function doctorsOf(repo: FhirRepository, tenant: string, patient: string): Promise<string[]> {
  const r = await repo.search({ tenant }, { types: ['Encounter'], params: [['subject', `Patient/${patient}`], ['status', 'arrived,triaged,in-progress,onleave'], ['_count', '20']] });
  const out = new Set<string>();
  for (const e of r.matches) {
    for (const p of (e.participant as { individual?: { reference?: string } }[] | undefined) ?? []) {
      const ref = p.individual?.reference;
      if (ref && /^(Practitioner|PractitionerRole)\//.test(ref)) out.add(ref);
    }
  }
  return [...out];
}
