// The REST conformance suite, parameterised by a repository factory so the same tests run
// against the in-memory fake and the real SQLite / PostgreSQL stores.
import { after, before, describe } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp, Client, type RepoFactory, type RepoFixture } from './harness.test-helper.js';
import { instanceTests } from './suite-instance.test-helper.js';
import { protocolTests } from './suite-protocol.test-helper.js';
import { searchTests } from './suite-search.test-helper.js';

export type { RepoFactory, RepoFixture } from './harness.test-helper.js';

export function restSuite(label: string, factory: RepoFactory): void {
  describe(`FHIR REST API (${label})`, () => {
    let fixture: RepoFixture;
    let app: FastifyInstance;
    before(async () => {
      fixture = await factory();
      app = await buildApp(fixture.repo);
    });
    after(async () => {
      await app?.close();
      await fixture?.close?.();
    });
    const client = () => new Client(app);
    instanceTests(client);
    searchTests(client);
    protocolTests(client, () => fixture.repo);
  });
}
