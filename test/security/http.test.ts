// Security headers, the CORS policy and login rate limiting, on the real app.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../support/databases.js';
import { testApp } from '../support/app.js';
import type { Store } from '../../src/fhir/store/open.js';
import { buildWorld } from './fixtures.js';
import { AuditChainer, AuditJournal } from '../../src/security/audit/index.js';

const d = testDatabases()[0];

describe('HTTP security', () => {
  let store: Store;
  let app: FastifyInstance;
  before(async () => {
    store = await d.open();
    await buildWorld(store);
    app = await testApp(store, { HUIYI_DEV_OPEN_FHIR: '', HUIYI_CORS_ORIGINS: 'https://app.example.org' });
  });
  after(async () => {
    await app?.close();
    await store?.close();
    await d.cleanup();
  });

  test('every answer carries the security headers; API answers are not cached', async () => {
    for (const url of ['/', '/fhir/metadata', '/fhir/Patient', '/auth/me']) {
      const r = await app.inject({ method: 'GET', url });
      assert.equal(r.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(r.headers['x-frame-options'], 'DENY', url);
      assert.equal(r.headers['referrer-policy'], 'no-referrer', url);
      assert.match(String(r.headers['content-security-policy']), /frame-ancestors 'none'/, url);
      if (url !== '/') assert.equal(r.headers['cache-control'], 'no-store', url);
    }
  });

  test('CORS: a listed origin may call /fhir with a token (never with credentials); others get no CORS headers', async () => {
    const ok = await app.inject({ method: 'OPTIONS', url: '/fhir/Patient', headers: { origin: 'https://app.example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    assert.equal(ok.statusCode, 204);
    assert.equal(ok.headers['access-control-allow-origin'], 'https://app.example.org');
    assert.match(String(ok.headers['access-control-allow-headers']), /authorization/);
    assert.equal(ok.headers['access-control-allow-credentials'], undefined);
    const evil = await app.inject({ method: 'GET', url: '/fhir/Patient', headers: { origin: 'https://evil.example.com' } });
    assert.equal(evil.headers['access-control-allow-origin'], undefined);
    assert.equal(evil.statusCode, 401);
  });

  test('login guessing is rate limited per client address (429 with Retry-After), and each failure is audited', async () => {
    let last = 0;
    let retry: string | undefined;
    for (let i = 0; i < 40; i++) {
      const r = await app.inject({ method: 'POST', url: '/auth/login', headers: { 'content-type': 'application/json' }, remoteAddress: '10.9.9.9', payload: { username: `nobody${i}`, password: 'wrong-password-1' } });
      last = r.statusCode;
      retry = r.headers['retry-after'] as string | undefined;
      if (last === 429) break;
    }
    assert.equal(last, 429);
    assert.ok(Number(retry) > 0);
    // another address is not affected
    const other = await app.inject({ method: 'POST', url: '/auth/login', headers: { 'content-type': 'application/json' }, remoteAddress: '10.9.9.10', payload: { username: 'nobody', password: 'wrong-password-1' } });
    assert.equal(other.statusCode, 401);
    // beside a SQLite file the events wait in the reads' journal until the app's chainer takes them (every 200 ms)
    if (store.db.file) {
      const journal = AuditJournal.open(`${store.db.file}-audit-journal`);
      try {
        await new AuditChainer(store.db, { journal }).drain();
      } finally {
        journal.close();
      }
    }
    const queued = await store.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM audit_queue WHERE event LIKE '%110122%'");
    const chained = await store.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM audit_ledger WHERE event LIKE '%110122%'");
    assert.ok(Number(queued?.n) + Number(chained?.n) >= 30, 'failed logins are in the audit trail');
  });
});
