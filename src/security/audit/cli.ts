import { readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../../config/config.js';
import type { Db } from '../../fhir/store/db.js';
import { openStore } from '../../fhir/store/open.js';
import { journalFile, loadAuditConfig } from './config.js';
import { keyIdOf, LedgerKeys } from './keys.js';
import { prove } from './proof.js';
import { proofFromJson, proofToJson, verifyProof, type ProofCheck } from './proof-check.js';
import { ensureAuditSchema } from './schema.js';
import { unchainedLines } from './journal.js';
import { verify, type VerifyResult } from './verify.js';
import { readWitnessFile } from './witness.js';

// Handlers of `huiyi audit verify|prove|verify-proof`. Each sets process.exitCode (0 ok, 1 not).

async function withLedger<T>(
  dbFlag: string | undefined,
  tenantFlag: string | undefined,
  fn: (a: { db: Db; tenant: string; trusted?: Map<string, string>; waiting?: { n: number; journal: string } }) => Promise<T>,
): Promise<T> {
  const config = loadConfig({ db: dbFlag });
  const audit = loadAuditConfig(config.databaseUrl);
  const trusted = LedgerKeys.readPublicKeys(audit.dataDir);
  const store = await openStore(config.databaseUrl);
  try {
    await ensureAuditSchema(store.db);
    // reads' events a stopped server left in its journal (it chains them when it starts)
    const journal = journalFile(audit, store.db);
    const waiting = journal ? await unchainedLines(store.db, journal) : undefined;
    return await fn({ db: store.db, tenant: tenantFlag ?? config.tenant, trusted: trusted.size ? trusted : undefined, ...(journal && waiting ? { waiting: { n: waiting, journal } } : {}) });
  } finally {
    await store.close();
  }
}

/** Verify a tenant's whole ledger (against a witness file too, if given). */
export async function auditVerifyCommand(opts: { db?: string; tenant?: string; witness?: string }): Promise<VerifyResult> {
  const witness = opts.witness ? readWitnessFile(opts.witness) : undefined;
  const t0 = performance.now();
  let waiting: { n: number; journal: string } | undefined;
  const r = await withLedger(opts.db, opts.tenant, (a) => {
    waiting = a.waiting;
    return verify(a.db, a.tenant, { witness, keys: a.trusted });
  });
  const secs = (performance.now() - t0) / 1000;
  const w = witness ? `, ${r.witnessed} witnessed` : '';
  console.log(`audit ledger of tenant ${r.tenant}: ${r.entries} entries, ${r.checkpoints} checkpoints${w} checked in ${secs.toFixed(1)} s`);
  if (!r.keysTrusted) console.log('note: no public keys in the key directory; signatures were checked against keys stored in the database');
  if (waiting) console.log(`note: ${waiting.n} events (of any tenant) wait in the reads' journal ${waiting.journal}, not yet in the ledger; the server chains them when it starts`);
  if (r.ok) console.log('OK');
  else console.error(`FAILED at entry ${r.firstBad?.seq}: ${r.firstBad?.reason}`);
  process.exitCode = r.ok ? 0 : 1;
  return r;
}

/** Print (or write to --out) the inclusion proof of entry `seq`. */
export async function auditProveCommand(id: string, opts: { db?: string; tenant?: string; out?: string }): Promise<void> {
  if (!/^\d+$/.test(id) && !/^[A-Za-z0-9\-.]{1,64}$/.test(id)) throw new Error(`entry number or AuditEvent id expected, got "${id}"`);
  let seq = id;
  const proof = await withLedger(opts.db, opts.tenant, async ({ db, tenant, trusted }) => {
    if (!/^\d+$/.test(id)) {
      // an AuditEvent id (as the FHIR API shows it) → its ledger entry
      const row = await db.get<{ seq: number }>('SELECT seq FROM audit_ledger WHERE tenant = ? AND event_id = ?', [tenant, id]).catch(() => undefined);
      if (!row) throw new Error(`no chained AuditEvent ${id} in tenant ${tenant}`);
      seq = String(row.seq);
    }
    return prove(db, tenant, Number(seq), { keys: trusted });
  });
  const json = proofToJson(proof);
  if (opts.out) {
    writeFileSync(opts.out, json);
    console.log(`proof of entry ${seq} (tree size ${proof.treeSize}) written to ${opts.out}`);
  } else {
    process.stdout.write(json);
  }
  process.exitCode = 0;
}

/** Check a proof file offline; --trust PEM additionally requires that public key. */
export async function auditVerifyProofCommand(file: string, opts: { trust?: string } = {}): Promise<ProofCheck> {
  const proof = proofFromJson(readFileSync(file, 'utf8'));
  let trusted: Map<string, string> | undefined;
  if (opts.trust) {
    const pem = readFileSync(opts.trust, 'utf8');
    trusted = new Map([[keyIdOf(pem), pem]]);
  }
  const r = verifyProof(proof, { trusted });
  const cp = proof.checkpoint;
  if (r.ok) {
    console.log(`OK: entry ${proof.entry.seq} of tenant ${proof.tenant} is in the audit ledger of ${cp.treeSize} entries`);
    console.log(`checkpoint signed ${new Date(cp.timestamp).toISOString()} by key ${cp.keyId}${trusted ? ' (trusted)' : ' (the key in the proof; pass --trust to pin it)'}`);
  } else {
    console.error(`INVALID: ${r.reason}`);
  }
  process.exitCode = r.ok ? 0 : 1;
  return r;
}
