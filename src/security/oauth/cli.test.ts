import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../fhir/store/open.js';
import { clientAddCommand } from './cli.js';
import { findClient } from './clients.js';
import { clientKeys } from './oauth.test-helper.js';

async function run(opts: Parameters<typeof clientAddCommand>[0]): Promise<string[]> {
  const log = mock.method(console, 'log', () => undefined);
  try {
    await clientAddCommand(opts);
    return log.mock.calls.map((c) => String(c.arguments[0]));
  } finally {
    log.mock.restore();
  }
}

test('client add prints client_id, and client_secret only for --secret', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'huiyi-oauth-cli-'));
  const db = `sqlite:${join(dir, 'cli.db')}`;
  try {
    const pub = await run({ db, name: 'Patient app', scopes: 'launch/patient patient/*.rs', redirectUri: 'https://app.example.org/cb' });
    assert.equal(pub.length, 1);
    assert.match(pub[0], /^client_id: [A-Za-z0-9_-]+$/);

    const sym = await run({ db, name: 'Portal', scopes: 'user/*.rs', redirectUri: 'https://a.example/cb,https://b.example/cb', secret: true });
    assert.equal(sym.length, 2);
    assert.match(sym[0], /^client_id: /);
    assert.match(sym[1], /^client_secret: [A-Za-z0-9_-]{40,}$/);

    const file = join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify((await clientKeys()).jwks.keys[0]));
    const asym = await run({ db, name: 'Backend', scopes: 'system/*.rs', jwks: file });
    assert.equal(asym.length, 1);

    const store = await openStore(db);
    try {
      const c = await findClient(store.db, 'default', sym[0].slice('client_id: '.length));
      assert.equal(c?.kind, 'symmetric');
      assert.deepEqual(c?.redirectUris, ['https://a.example/cb', 'https://b.example/cb']);
      assert.equal((await findClient(store.db, 'default', asym[0].slice('client_id: '.length)))?.kind, 'asymmetric');
    } finally {
      await store.close();
    }
    await assert.rejects(run({ db, name: 'Bad', scopes: 'patient/*.rs' }), /redirect URI/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
