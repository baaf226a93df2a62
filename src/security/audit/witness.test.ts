import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Checkpoint } from './checkpoint.js';
import { exportCheckpoint, readWitnessFile } from './witness.js';

const CP: Checkpoint = { tenant: 't', treeSize: 3, root: 'a'.repeat(64), alg: 'sha256', timestamp: 1, keyId: 'k', signature: 'c2ln' };

test('file witness: appends JSON lines that read back as checkpoints', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'huiyi-witness-'));
  try {
    const f = join(dir, 'sub', 'w.jsonl');
    assert.deepEqual(await exportCheckpoint(CP, f), { ok: true, witness: f });
    assert.deepEqual(await exportCheckpoint({ ...CP, treeSize: 4 }, f), { ok: true, witness: f });
    assert.deepEqual(readWitnessFile(f).map((c) => c.treeSize), [3, 4]);
    writeFileSync(f, readFileSync(f, 'utf8') + '{"tenant":1}\n');
    assert.throws(() => readWitnessFile(f), /w\.jsonl:3: not a ledger checkpoint/);
    const bad = await exportCheckpoint(CP, join(f, 'not-a-dir', 'x'));
    assert.equal(bad.ok, false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('http witness: POSTs the checkpoint; failures are reported, never thrown', async () => {
  const got: unknown[] = [];
  let status = 201;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ method: req.method, type: req.headers['content-type'], body: JSON.parse(body) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/witness`;
  try {
    assert.deepEqual(await exportCheckpoint(CP, url), { ok: true, witness: url });
    assert.deepEqual(got, [{ method: 'POST', type: 'application/json', body: CP }]);
    status = 500;
    assert.deepEqual(await exportCheckpoint(CP, url), { ok: false, witness: url, error: 'HTTP 500' });
  } finally {
    await new Promise((r) => server.close(r));
  }
  const down = await exportCheckpoint(CP, url, { timeoutMs: 2000 });
  assert.equal(down.ok, false);
});
