// Real-name self-registration (实名注册) from the portal, by an anonymous caller:
//   1. the patient fields pass the EMR's registration rules (registration-input.ts: document type and number —
//      身份证 check digit, birth date and sex encoded in it — name, phone), and the account (username, password)
//      passes the account rules (deps.accounts.problem) — all problems reported at once, nothing written;
//   2. the same duplicate checks as the registration desk (same document number; same name + birth date + phone).
//      A match is refused with 409 and no detail about the existing record: an anonymous caller who knows
//      someone's ID number must never be linked to (or learn about) that person's record. They are sent to the
//      registration desk, where the document is checked in person;
//   3. the Patient (with the EMR's MRN allocation) and then the patient account linked to it. Accounts live outside
//      the FHIR store, so the two cannot share a transaction: should the account fail after all (the username
//      taken in between by another server), the Patient just created is deleted again.
import type { FhirRepository, RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import { Mutex } from '../../../fhir/store/mutex.js';
import type { ModuleDeps } from '../../module.js';
import { buildPatient } from '../../emr/patients/register.js';
import { MrnAllocator } from '../../emr/patients/mrn.js';
import { checkDocumentNumber, identityDocument } from '../../emr/patients/identity-documents.js';
import { checkRegistration, type Registration } from '../../emr/patients/registration-input.js';
import { ProblemError, problemIssue, type Issue, type Lang, type Problem } from '../../emr/patients/problems.js';
import { MRN_SYSTEM } from '../../emr/patients/search-parameters.js';
import { ONLINE_ID_TYPES, PORTAL_PROBLEM_SYSTEM, PATIENT_PASSWORD_MIN, portalProblemText, type PortalProblemCode } from './portal-problems.js';

/** Marks a record created by the patient online (identity not yet checked in person at the desk). */
export const CHANNEL_TAG = { system: 'http://huiyi.health/fhir/CodeSystem/registration-channel', code: 'portal', display: 'Self-registered in the patient portal' };

export interface SelfRegistrationInput {
  name?: string;
  idType?: string;
  idNumber?: string;
  phone?: string;
  sex?: string;
  birthDate?: string;
  username?: string;
  password?: string;
}

export function portalIssue(field: string, code: PortalProblemCode, lang: Lang, params: Record<string, string> = {}, issueCode = 'invalid'): Issue {
  return {
    severity: 'error',
    code: issueCode,
    details: { coding: [{ system: PORTAL_PROBLEM_SYSTEM, code }], text: portalProblemText(code, lang, params) },
    diagnostics: `${field}: ${portalProblemText(code, 'en', params)}`,
    expression: [field],
  };
}

/** The account rules' answer (English, from src/security/identity) as a field and a code of ours. */
export function accountProblem(p: { code: string; message: string }): { field: 'username' | 'password'; code: PortalProblemCode; params?: Record<string, string> } {
  if (p.code === 'username_taken') return { field: 'username', code: 'username-taken' };
  if (p.code === 'weak_password') {
    const min = /at least (\d+) characters/.exec(p.message)?.[1];
    if (min) return { field: 'password', code: 'password-short', params: { min } };
    if (/username/i.test(p.message)) return { field: 'password', code: 'password-username' };
    if (/different characters/.test(p.message)) return { field: 'password', code: 'password-simple' };
    if (/demo password/i.test(p.message)) return { field: 'password', code: 'password-demo' };
    return { field: 'password', code: 'password-weak' };
  }
  return { field: 'username', code: 'username-invalid' };
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Step 1: every problem of the form, or the registration to write. Writes nothing. */
export async function checkSelfRegistration(
  input: SelfRegistrationInput, lang: Lang, accounts: ModuleDeps['accounts'], tenant: string,
): Promise<{ ok: true; value: Registration; username: string; password: string } | { ok: false; issues: Issue[] }> {
  const issues: Issue[] = [];
  // sex and birth date may be left out when the document number encodes them (身份证)
  const filled = { ...input };
  const doc = identityDocument(text(input.idType));
  if (doc?.encodesBirthAndSex && (!text(input.sex) || !text(input.birthDate))) {
    const r = checkDocumentNumber(doc, text(input.idNumber));
    if (r.ok) {
      if (!text(input.sex) && r.sex) filled.sex = r.sex;
      if (!text(input.birthDate) && r.birthDate) filled.birthDate = r.birthDate;
    }
  }
  const checked = checkRegistration(filled, lang);
  if (!checked.ok) {
    // left out because the number gives them: while the number is wrong, only the number is reported
    const derived = (p: Problem) => doc?.encodesBirthAndSex && p.code === 'required' && (p.field === 'sex' || p.field === 'birthDate');
    issues.push(...checked.problems.filter((p) => !derived(p)).map((p) => problemIssue(p, lang)));
  }
  if (doc && !ONLINE_ID_TYPES.includes(doc.code)) issues.push(portalIssue('idType', 'id-type-desk', lang));

  const username = text(input.username);
  const password = typeof input.password === 'string' ? input.password : '';
  if (!username) issues.push(portalIssue('username', 'username-required', lang));
  if (!password) issues.push(portalIssue('password', 'password-required', lang));
  if (username && password) {
    // a placeholder link: the Patient does not exist yet, and the rules only check the link's form
    const p = await accounts.problem(tenant, { username, password, roles: ['patient'], fhirUser: 'Patient/pending' });
    if (p) {
      const a = accountProblem(p);
      issues.push(portalIssue(a.field, a.code, lang, a.params ?? (a.code === 'password-short' ? { min: String(PATIENT_PASSWORD_MIN) } : {})));
    }
  }
  if (issues.length || !checked.ok) return { ok: false, issues };
  return { ok: true, value: checked.value, username, password };
}

export class SelfRegistration {
  private readonly mrns = new MrnAllocator();
  private readonly queue = new Mutex();

  constructor(private readonly repo: FhirRepository, private readonly accounts: ModuleDeps['accounts']) {}

  /**
   * Steps 2 and 3 with `ctx` = the elevated context of the anonymous request (audited as anonymous). One
   * registration at a time in this process, so two of the same person cannot both pass the duplicate check.
   */
  register(ctx: RequestContext, r: Registration, account: { username: string; password: string }, lang: Lang): Promise<{ patient: Resource; username: string }> {
    return this.queue.run(async () => {
      const search = (params: [string, string][]) => this.repo.search(ctx, { types: ['Patient'], params: [...params, ['_count', '1']], strict: true });
      if ((await search([['identifier', `${r.document.system}|${r.idNumber}`]])).matches.length) {
        throw new ProblemError(409, 'duplicate', [portalIssue('idNumber', 'already-registered', lang, {}, 'duplicate')]);
      }
      if ((await search([['name:exact', r.name], ['birthdate', r.birthDate], ['phone', r.phone.value]])).matches.length) {
        throw new ProblemError(409, 'duplicate', [portalIssue('idNumber', 'possible-duplicate', lang, {}, 'duplicate')]);
      }
      const created = await this.mrns.create(this.repo, ctx, (mrn) => ({ ...buildPatient(r, mrn), meta: { tag: [CHANNEL_TAG] } }));
      const patient = created.resource;
      try {
        const user = await this.accounts.create(ctx.tenant, {
          username: account.username, password: account.password, roles: ['patient'], fhirUser: `Patient/${patient.id as string}`, displayName: r.name,
        });
        return { patient, username: user.username };
      } catch (e) {
        await this.repo.delete(ctx, 'Patient', patient.id as string);
        const code = (e as { code?: string }).code;
        if (code === 'username_taken') throw new ProblemError(409, 'duplicate', [portalIssue('username', 'username-taken', lang, {}, 'duplicate')]);
        throw e;
      }
    });
  }
}

export const mrnOf = (p: Resource) => (p.identifier as { system?: string; value?: string }[] | undefined)?.find((i) => i.system === MRN_SYSTEM)?.value;
