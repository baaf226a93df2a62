// Appointment settings from the environment (read once at start; a bad value stops the server with a clear message).
import { intSetting } from '../../../config/config.js';
import { MAX_SLOT_MINUTES } from './rules.js';

export const APPOINTMENT_ENV_DOC: [string, string, string][] = [
  ['HUIYI_SLOT_MINUTES', '10', `Length of an appointment slot in minutes (5–${MAX_SLOT_MINUTES}); applies to clinic sessions not generated yet`],
  ['HUIYI_NO_SHOW_LIMIT', '3', 'No-shows within HUIYI_NO_SHOW_DAYS that suspend online self-booking (0: never; staff can still book)'],
  ['HUIYI_NO_SHOW_DAYS', '90', 'Window in days over which no-shows are counted'],
];

export interface AppointmentSettings {
  slotMinutes: number;
  noShowLimit: number;
  noShowDays: number;
}

export function loadAppointmentSettings(env: NodeJS.ProcessEnv = process.env): AppointmentSettings {
  return {
    slotMinutes: intSetting('HUIYI_SLOT_MINUTES', env.HUIYI_SLOT_MINUTES, 10, 5, MAX_SLOT_MINUTES),
    noShowLimit: intSetting('HUIYI_NO_SHOW_LIMIT', env.HUIYI_NO_SHOW_LIMIT, 3, 0, 100),
    noShowDays: intSetting('HUIYI_NO_SHOW_DAYS', env.HUIYI_NO_SHOW_DAYS, 90, 1, 3650),
  };
}
