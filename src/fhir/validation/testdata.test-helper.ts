// Shared by the tests that read ../shared/testdata (skipped with a message when it is absent).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadR4Json } from '../definitions/definitions.js';
import type { Resource } from '../types.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const TESTDATA = join(repoRoot, '..', 'shared', 'testdata');

/** `false` when `dir` (under TESTDATA) exists, else the skip message. */
export function skipUnless(dir: string): false | string {
  return existsSync(join(TESTDATA, dir)) ? false : `${join(TESTDATA, dir)} absent`;
}

let core: Map<string, Resource> | undefined;

/** The R4 core profiles (vitalsigns, bp, ...) that meta.profile may name; others are unresolved. */
export function resolveProfiles(r: any): Resource[] {
  core ??= new Map(loadR4Json('profiles-others.json').entry.map((e: any) => [e.resource.url, e.resource]));
  const urls: unknown[] = Array.isArray(r?.meta?.profile) ? r.meta.profile : [];
  return urls.flatMap((u) => (typeof u === 'string' && core!.has(u.split('|')[0]) ? [core!.get(u.split('|')[0])!] : []));
}
