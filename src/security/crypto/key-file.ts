import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../../config/config.js';

function parseKey(text: string, path: string): Buffer {
  const t = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(t)) key = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) key = Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64');
  if (key?.length !== 32) throw new ConfigError(`field key file ${path} must hold 32 bytes as base64 or 64 hex digits`);
  return key;
}

function tryRead(path: string): Buffer | undefined {
  try {
    return parseKey(readFileSync(path, 'utf8'), path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Reads the 32-byte master key, creating it (mode 0600, synced to disk) with random bytes if missing. */
export function loadOrCreateFieldKey(path: string): Buffer {
  const existing = tryRead(path);
  if (existing) return existing;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600); // never overwrite: losing the key loses every sealed value
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return parseKey(readFileSync(path, 'utf8'), path); // another process created it first
  }
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, `${key.toString('base64')}\n`);
    fsyncSync(fd); // the key must reach the disk before any value sealed with it
  } finally {
    closeSync(fd);
  }
  try {
    const dir = openSync(dirname(path), 'r');
    try { fsyncSync(dir); } finally { closeSync(dir); }
  } catch {
    // directory fsync is best effort (not supported everywhere)
  }
  return key;
}
