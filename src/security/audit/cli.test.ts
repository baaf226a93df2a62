import { describe, test, before, after, mock } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../fhir/store/open.js';
import { auditProveCommand, auditVerifyCommand, auditVerifyProofCommand } from './cli.js';
import { appendMany, ledgerDatabases, tempKeys } from './fixtures.test.js';
import { seal } from './seal.js';
import { exportCheckpoint } from './witness.js';
import { AuditJournal } from './journal.js';
import { AuditChainer } from './chainer.js';
import { prepareAll } from './queue.js';
import { readOf } from './pipeline-fixtures.test.js';

/** Run a command with console output captured; restores process.exitCode. */
async function run<T>(fn: () => Promise<T>): Promise<{ value: T; code: number; out: string }> {
  const lines: string[] = [];
  const log = mock.method(console, 'log', (...a: unknown[]) => void lines.push(a.join(' ')));
  const err = mock.method(console, 'error', (...a: unknown[]) => void lines.push(a.join(' ')));
  const write = mock.method(process.stdout, 'write', (s: string) => lines.push(s) > 0);
  try {
    const value = await fn();
    return { value, code: Number(process.exitCode ?? 0), out: lines.join('\n') };
  } finally {
    log.mock.restore();
    err.mock.restore();
    write.mock.restore();
    process.exitCode = 0;
  }
}

for (const d of ledgerDatabases()) {
  describe(`audit CLI on ${d.name}`, () => {
    let store: Store;
    const { dir, keys } = tempKeys();
    const witness = join(dir, 'w.jsonl');
    const saved = process.env.HUIYI_DATA_DIR;
    before(async () => {
      process.env.HUIYI_DATA_DIR = dir;
      store = await d.openLedger();
      await appendMany(store.db, 'cli', 9);
      await exportCheckpoint((await seal(store.db, 'cli', keys))!, witness);
    });
    after(async () => {
      process.env.HUIYI_DATA_DIR = saved;
      if (saved === undefined) delete process.env.HUIYI_DATA_DIR;
      await store?.close();
      await d.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    test("verify names the events a stopped server left in the reads' journal (SQLite file)", { skip: d.name !== 'sqlite' }, async () => {
      const file = store.db.file;
      assert.ok(file, 'the SQLite ledger of these tests is a file');
      const journal = AuditJournal.open(`${file}-audit-journal`);
      try {
        journal.append('jt', prepareAll('jt', [readOf('p1', 1), readOf('p2', 2), readOf('p3', 3)], Date.now()));
        const before = await run(() => auditVerifyCommand({ db: d.url, tenant: 'jt' }));
        assert.equal(before.code, 0, 'not a failure: the server chains them when it starts');
        assert.match(before.out, /note: 3 events \(of any tenant\) wait in the reads' journal/);
        assert.equal(await new AuditChainer(store.db, { journal }).drain(), 3);
        const after = await run(() => auditVerifyCommand({ db: d.url, tenant: 'jt' }));
        assert.match(after.out, /tenant jt: 3 entries/);
        assert.doesNotMatch(after.out, /journal/);
      } finally {
        journal.close();
      }
    });

    test('verify, prove, verify-proof; then a tampered ledger fails verify', async () => {
      const ok = await run(() => auditVerifyCommand({ db: d.url, tenant: 'cli', witness }));
      assert.equal(ok.code, 0);
      assert.match(ok.out, /tenant cli: 9 entries, 1 checkpoints, 1 witnessed checked in .*\nOK/);

      const printed = await run(() => auditProveCommand('4', { db: d.url, tenant: 'cli' }));
      assert.equal(JSON.parse(printed.out).entry.seq, 4);
      const file = join(dir, 'proof.json');
      await run(() => auditProveCommand('4', { db: d.url, tenant: 'cli', out: file }));
      const pem = join(dir, 'trusted.pem');
      writeFileSync(pem, keys.publicKeyPem);
      const checked = await run(() => auditVerifyProofCommand(file, { trust: pem }));
      assert.equal(checked.code, 0);
      assert.match(checked.out, /OK: entry 4 of tenant cli .*\n.*\(trusted\)/);

      writeFileSync(file, readFileSync(file, 'utf8').replace('\\"R\\"', '\\"D\\"'));
      const bad = await run(() => auditVerifyProofCommand(file));
      assert.deepEqual([bad.code, bad.out], [1, 'INVALID: entry hash does not match the entry']);

      await store.db.run("DELETE FROM audit_ledger WHERE tenant = 'cli' AND seq = 3");
      const failed = await run(() => auditVerifyCommand({ db: d.url, tenant: 'cli' }));
      assert.equal(failed.code, 1);
      assert.match(failed.out, /FAILED at entry 3: entry 3 is missing/);
    });
  });
}
