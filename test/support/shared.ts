import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';

/** ../shared next to the repository (CI lays it there); tests that need it skip when it is absent. */
export const SHARED = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared');
export const TESTDATA = join(SHARED, 'testdata');

export function testdata(sub: string): string | undefined {
  const p = join(TESTDATA, sub);
  if (existsSync(p)) return p;
  console.log(`# SKIP: ${p} is absent, so the tests that need it are skipped`);
  return undefined;
}
