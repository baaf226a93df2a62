// The REST suite against the real store, on every test database (SQLite file, PostgreSQL schema).
import { testDatabases } from '../../../test/support/databases.js';
import { restSuite } from './rest-suite.test-helper.js';

for (const d of testDatabases()) {
  restSuite(d.name, async () => {
    const store = await d.open();
    return {
      repo: store.repo,
      close: async () => {
        await store.close();
        await d.cleanup();
      },
    };
  });
}
