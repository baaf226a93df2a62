import { openStore } from '../../src/fhir/store/open.js';
import { SECURITY_MIGRATIONS } from '../../src/security/migrations.js';
import { seedDemoUsers } from '../../src/security/identity/index.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, Socket } from 'node:net';

// The `huiyi` command as a user runs it (from source via tsx): help, migrate, serve, SIGTERM.

const CLI = ['--import', 'tsx', 'src/cli/main.ts'];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) return;
    } catch {
      /* not yet listening */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

test('huiyi --help lists the commands; every command has --help', () => {
  const r = spawnSync(process.execPath, [...CLI, '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  for (const c of ['serve', 'migrate', 'seed']) assert.match(r.stdout, new RegExp(`\\b${c}\\b`));
  for (const c of ['serve', 'migrate', 'seed']) {
    const h = spawnSync(process.execPath, [...CLI, c, '--help'], { encoding: 'utf8' });
    assert.equal(h.status, 0, c);
    assert.match(h.stdout, /--db <url>/);
  }
  const bad = spawnSync(process.execPath, [...CLI, 'migrate', '--db', 'mysql://x'], { encoding: 'utf8' });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /sqlite: or postgres/);
});

test('migrate is idempotent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'huiyi-cli-'));
  try {
    const db = `sqlite:${join(dir, 'x.db')}`;
    const a = spawnSync(process.execPath, [...CLI, 'migrate', '--db', db], { encoding: 'utf8' });
    assert.equal(a.status, 0, a.stderr);
    assert.match(a.stdout, /applied migrations 1/);
    const b = spawnSync(process.execPath, [...CLI, 'migrate', '--db', db], { encoding: 'utf8' });
    assert.match(b.stdout, /up to date/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve: probes answer; SIGTERM lets in-flight writes finish and exits 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'huiyi-serve-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...CLI, 'serve', '--db', `sqlite:${join(dir, 'x.db')}`, '--port', String(port)], {
    env: { ...process.env, HUIYI_LOG_LEVEL: 'warn', HUIYI_DEV_OPEN_FHIR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  try {
    await waitReady(base, child);
    assert.deepEqual(await (await fetch(`${base}/healthz`)).json(), { status: 'ok' });
    assert.equal((await (await fetch(`${base}/readyz`)).json()).database, 'sqlite');
    const meta = await fetch(`${base}/fhir/metadata`);
    assert.equal(meta.status, 200);
    assert.equal((await meta.json()).resourceType, 'CapabilityStatement');

    // start 30 writes, then SIGTERM while they are in flight
    const writes = Array.from({ length: 30 }, (_, i) =>
      fetch(`${base}/fhir/Patient/sig${i}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify({ resourceType: 'Patient', id: `sig${i}` }),
      }).then((r) => r.status, () => 0),
    );
    await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGTERM');
    const statuses = await Promise.all(writes);
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    assert.equal(code, 0, log);
    const accepted = statuses.filter((s) => s === 201).length;
    // every write the server accepted is stored: restart and count
    const port2 = await freePort();
    const again = spawn(process.execPath, [...CLI, 'serve', '--db', `sqlite:${join(dir, 'x.db')}`, '--port', String(port2)], {
      env: { ...process.env, HUIYI_LOG_LEVEL: 'warn', HUIYI_DEV_OPEN_FHIR: '1' },
      stdio: 'ignore',
    });
    try {
      await waitReady(`http://127.0.0.1:${port2}`, again);
      const b = await (await fetch(`http://127.0.0.1:${port2}/fhir/Patient?_total=accurate&_count=0`)).json();
      assert.equal(b.total, accepted, `accepted ${accepted} of 30, stored ${b.total}`);
      assert.ok(statuses.every((s) => s === 201 || s === 503 || s === 0), `statuses ${statuses}`);
    } finally {
      again.kill('SIGTERM');
      await new Promise((r) => again.on('exit', r));
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve: a keep-alive connection whose request is in flight at SIGTERM is closed after its response', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'huiyi-serve-'));
  const port = await freePort();
  const child = spawn(process.execPath, [...CLI, 'serve', '--db', `sqlite:${join(dir, 'x.db')}`, '--port', String(port)], {
    env: { ...process.env, HUIYI_LOG_LEVEL: 'warn', HUIYI_DEV_OPEN_FHIR: '1' },
    stdio: 'ignore',
  });
  const socket = new Socket();
  try {
    await waitReady(`http://127.0.0.1:${port}`, child);
    // a request whose body has only half arrived when the signal comes: in flight for certain
    const body = JSON.stringify({ resourceType: 'Patient', id: 'ka1' });
    let response = '';
    socket.on('data', (d: Buffer) => (response += d.toString()));
    await new Promise<void>((r) => socket.connect(port, '127.0.0.1', r));
    socket.write(`PUT /fhir/Patient/ka1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: application/fhir+json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    const t0 = Date.now();
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    socket.write(body.slice(10));
    // before the fix the server kept the connection for its keep-alive timeout (72 s) and hit its own 25 s limit
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running after 10 s'), 10_000))]);
    assert.equal(code, 0);
    assert.ok(Date.now() - t0 < 10_000);
    assert.match(response, /^HTTP\/1\.1 201/);
    assert.match(response, /\r\nconnection: close\r\n/i);
  } finally {
    socket.destroy();
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve: the FHIR API needs authentication unless the development flag is set; metadata and discovery stay open', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'huiyi-serve-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, HUIYI_LOG_LEVEL: 'warn' } as NodeJS.ProcessEnv;
  delete env.HUIYI_DEV_OPEN_FHIR;
  const child = spawn(process.execPath, [...CLI, 'serve', '--db', `sqlite:${join(dir, 'x.db')}`, '--port', String(port)], { env, stdio: 'ignore' });
  try {
    await waitReady(base, child);
    const r = await fetch(`${base}/fhir/Patient`);
    assert.equal(r.status, 401);
    assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer/);
    assert.equal((await r.json()).resourceType, 'OperationOutcome');
    const meta = await (await fetch(`${base}/fhir/metadata`)).json();
    assert.equal(meta.rest[0].security.service[0].coding[0].code, 'SMART-on-FHIR');
    const smart = await fetch(`${base}/fhir/.well-known/smart-configuration`);
    assert.equal(smart.status, 200);
    assert.match((await smart.json()).token_endpoint, /\/oauth\/token$/);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve: production refuses demo passwords and the open-FHIR flag', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'huiyi-serve-'));
  const db = `sqlite:${join(dir, 'x.db')}`;
  try {
    const store = await openStore(db, { migrations: SECURITY_MIGRATIONS });
    await seedDemoUsers(store.db, 'default', { hash: { N: 1024, r: 8, p: 1 } });
    await store.close();
    const env = { ...process.env, HUIYI_LOG_LEVEL: 'warn', HUIYI_ENV: 'production' };
    const a = spawnSync(process.execPath, [...CLI, 'serve', '--db', db, '--port', '0'], { encoding: 'utf8', env, timeout: 60000 });
    assert.notEqual(a.status, 0);
    assert.match(a.stderr + a.stdout, /demo password/i);
    const b = spawnSync(process.execPath, [...CLI, 'serve', '--db', db, '--port', '0'], { encoding: 'utf8', env: { ...env, HUIYI_DEV_OPEN_FHIR: '1' }, timeout: 60000 });
    assert.notEqual(b.status, 0);
    assert.match(b.stderr + b.stdout, /HUIYI_DEV_OPEN_FHIR/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
