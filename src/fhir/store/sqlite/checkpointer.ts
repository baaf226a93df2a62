import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// SQLite copies WAL pages back into the database file in a checkpoint. Run by the writing connection
// (wal_autocheckpoint), every few hundred requests one COMMIT stalls the event loop for tens of
// milliseconds of page copies and fsyncs (bench/profile-audit.ts: ~6 % of wall time). Here one worker
// thread per process holds its own connection to each file and checkpoints it every `interval` ms,
// PASSIVE: it never waits for, nor blocks, the writer or the readers.

// Plain CommonJS, evaluated: the same code runs under tsx and from dist/.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const files = new Map();
let timer;
const tick = () => {
  for (const db of files.values()) {
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* locked or closing: the next tick tries again */ }
  }
};
parentPort.on('message', (m) => {
  if (m.op === 'add') {
    try {
      const db = new Database(m.path, { fileMustExist: true });
      db.pragma('busy_timeout = 0');
      files.set(m.id, db);
    } catch { /* the writer keeps checkpointing itself */ }
    timer ??= setInterval(tick, workerData.interval);
  } else if (m.op === 'remove') {
    files.get(m.id)?.close();
    files.delete(m.id);
    if (!files.size && timer) { clearInterval(timer); timer = undefined; }
  }
  parentPort.postMessage({ id: m.id, op: m.op });
});
`;

const INTERVAL_MS = 100;

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<string, () => void>();
let registered = 0;

function ensureWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER, { eval: true, workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), interval: INTERVAL_MS } });
  w.unref();
  w.on('message', (m: { id: number; op: string }) => {
    const key = `${m.op}:${m.id}`;
    waiting.get(key)?.();
    waiting.delete(key);
  });
  w.on('error', () => (worker = undefined));
  w.on('exit', () => {
    if (worker === w) worker = undefined;
    for (const done of waiting.values()) done();
    waiting.clear();
  });
  return (worker = w);
}

function send(op: 'add' | 'remove', id: number, path?: string): Promise<void> {
  const w = op === 'add' ? ensureWorker() : worker;
  if (!w) return Promise.resolve();
  return new Promise<void>((resolve) => {
    waiting.set(`${op}:${id}`, resolve);
    w.postMessage({ op, id, path });
  });
}

/** Checkpoint `path` from the background thread; `stop` ends that (await it before closing the writer). */
export function checkpointInBackground(path: string): { stop: () => Promise<void> } {
  const id = nextId++;
  registered++;
  const ready = send('add', id, path);
  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= ready.then(() => send('remove', id)).then(() => {
        if (--registered === 0 && worker) {
          const w = worker;
          worker = undefined;
          return w.terminate().then(() => undefined);
        }
      })),
  };
}
