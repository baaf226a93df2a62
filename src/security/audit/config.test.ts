import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../fhir/store/db.js';
import { PostgresDb } from '../../fhir/store/postgres/postgres-db.js';
import { journalFile, loadAuditConfig } from './config.js';

test("the reads' journal: beside a SQLite file, none in memory, in the data directory for PostgreSQL, or as set", async () => {
  const cfg = (env: Record<string, string> = {}) => loadAuditConfig('sqlite:/srv/huiyi/huiyi.db', { HUIYI_DATA_DIR: '/var/lib/huiyi', ...env });
  const sqliteFile = { dialect: 'sqlite', file: '/srv/huiyi/huiyi.db' } as Db;
  assert.equal(journalFile(cfg(), sqliteFile), '/srv/huiyi/huiyi.db-audit-journal');
  assert.equal(journalFile(cfg(), { dialect: 'sqlite' } as Db), undefined, 'in memory');
  // no connection is made: the location comes from the URL
  const dbs = [
    new PostgresDb('postgres://huiyi:secret@db.example.org:5433/huiyi', 'hospital_a'),
    new PostgresDb('postgres://other:changed@db.example.org:5433/huiyi', 'hospital_a'),
    new PostgresDb('postgres://huiyi:secret@db.example.org:5433/huiyi', 'hospital_b'),
  ];
  try {
    assert.equal(dbs[0].location, 'db.example.org:5433/huiyi#hospital_a', 'no credentials');
    const [a, sameDb, otherSchema] = dbs.map((db) => journalFile(cfg(), db));
    assert.match(a ?? '', /^\/var\/lib\/huiyi\/audit-journal-[0-9a-f]{16}$/);
    assert.equal(sameDb, a, 'a new user or password keeps the journal (lines may wait in it)');
    assert.notEqual(otherSchema, a, 'another schema is another database');
    assert.equal(journalFile(cfg({ HUIYI_AUDIT_JOURNAL: 'off' }), dbs[0]), undefined);
    assert.equal(journalFile(cfg({ HUIYI_AUDIT_JOURNAL: 'off' }), sqliteFile), undefined);
    assert.equal(journalFile(cfg({ HUIYI_AUDIT_JOURNAL: '/mnt/j' }), dbs[0]), '/mnt/j');
  } finally {
    await Promise.all(dbs.map((db) => db.close()));
  }
});
