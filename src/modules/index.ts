// Every hospital-domain module the server mounts, in one list (the composition root registers them under /api).
import type { HuiyiModule } from './module.js';
import { emr } from './emr/index.js';
import { appointments, guide, portal, queue, triage } from './services/index.js';

export const MODULES: readonly HuiyiModule[] = [
  emr,
  guide,
  triage,
  appointments,
  queue,
  portal,
];
