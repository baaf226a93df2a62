// Every domain module of the web app, in menu order: one import and one array entry per module.
import type { WebModule } from './module';
import admin from '../modules/admin';
import patients from '../modules/emr/patients';
import encounters from '../modules/emr/encounters';
import chart from '../modules/emr/chart';
import notes from '../modules/emr/notes';
import orders from '../modules/emr/orders';
import guide from '../modules/services/guide';
import triage from '../modules/services/triage';
import appointments from '../modules/services/appointments';
import queue from '../modules/services/queue';
import portal from '../modules/services/portal';

export const WEB_MODULES: readonly WebModule[] = [
  patients,
  encounters,
  chart,
  notes,
  orders,
  guide,
  triage,
  appointments,
  queue,
  portal,
  admin,
];
