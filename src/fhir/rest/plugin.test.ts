import { FakeRepository } from './fake-repo.test-helper.js';
import { restSuite } from './rest-suite.test-helper.js';

restSuite('in-memory fake', async () => ({ repo: new FakeRepository() }));
