// The queue rules as data. Source: 医院智慧服务分级评估标准体系（试行）(国家卫生健康委, 2019), 诊中服务
// (../shared/standards/smart-service-2019.jsonl, table 6 rows 2–10 and table 5 rows 9, 19):
//   标识与导航 level 1 (2) 门诊诊室、检查室有电子排队叫号设施，可通过诊室、检查室医生控制 → the doctor's call / recall / skip;
//   信息推送 level 1 (1) 在门诊区域提供公共信息的电子化展示，包括……候诊信息 → the waiting-area board;
//   信息推送 level 4 (2) 患者能够在移动端实时查询等候状态 → GET /api/queue/mine (people ahead).
// Names on a public screen are de-identified (去标识化 in GB/T 35273-2020 信息安全技术 个人信息安全规范): see mask.ts.
import { intSetting } from '../../../config/config.js';

export interface QueueRules {
  /** check-in opens this many minutes before the booked slot starts (and closes when its clinic session ends) */
  checkInOpensMinutes: number;
  /** when the session's end cannot be found from the Schedule's Slots: the check-in closes this long after the slot */
  checkInFallbackCloseMinutes: number;
  /** a skipped (过号) patient re-joins the waiting line after this many further calls in the room */
  rejoinAfterCalls: number;
}

export const DEFAULT_RULES: QueueRules = {
  checkInOpensMinutes: 60,
  checkInFallbackCloseMinutes: 60,
  rejoinAfterCalls: 2,
};

/**
 * Order of the line: by ticket number, i.e. by check-in time. A late arrival (checked in after the booked slot has
 * ended, still before the session ends) is accepted, gets the next number like anyone arriving then, and so waits
 * behind everybody already in the line: the booking gives no priority once its time has passed. The ticket records
 * that it was late. A 过号 patient keeps their number: once they re-join (after `rejoinAfterCalls` calls) their low
 * number puts them first in line, i.e. they are seen right after those calls.
 */
export const ORDER = 'ticket-number' as const;

/** "Call next" also finishes the patient called before in that room (the doctor has moved on). */
export const NEXT_FINISHES_CURRENT = true;

/**
 * Who may watch the waiting-room board (any signed-in staff role that reads clinical data; the TV in the waiting
 * area is signed in as a nurse). Not patients (their own position is /mine), not the admin (no clinical data), not
 * devices.
 */
export const BOARD_ROLES: readonly string[] = ['doctor', 'nurse', 'pharmacist', 'technician', 'manager', 'dispatcher'];

/** Who calls patients in a clinic room: the doctor (their policy reads every patient's record, as the line needs). */
export const CALL_ROLES: readonly string[] = ['doctor'];

/** Staff who may check a patient in at the desk (分诊台) for any appointment of the day. */
export const DESK_ROLES: readonly string[] = ['doctor', 'nurse'];

/** The board shows the latest calls and, per room, the next few waiting. */
export const BOARD_LAST_CALLS = 6;
export const BOARD_NEXT_PER_ROOM = 3;

/** SSE: a comment line this often keeps proxies from closing an idle stream. */
export const HEARTBEAT_MS = 20_000;

export const QUEUE_ENV_DOC: [string, string, string][] = [
  ['HUIYI_QUEUE_CHECKIN_OPENS_MINUTES', '60', 'Check-in opens this many minutes before the booked slot (0–240)'],
  ['HUIYI_QUEUE_REJOIN_AFTER_CALLS', '2', 'A skipped (过号) patient re-joins the line after this many further calls (0–20)'],
];

export function loadQueueRules(env: NodeJS.ProcessEnv = process.env): QueueRules {
  return {
    ...DEFAULT_RULES,
    checkInOpensMinutes: intSetting('HUIYI_QUEUE_CHECKIN_OPENS_MINUTES', env.HUIYI_QUEUE_CHECKIN_OPENS_MINUTES, DEFAULT_RULES.checkInOpensMinutes, 0, 240),
    rejoinAfterCalls: intSetting('HUIYI_QUEUE_REJOIN_AFTER_CALLS', env.HUIYI_QUEUE_REJOIN_AFTER_CALLS, DEFAULT_RULES.rejoinAfterCalls, 0, 20),
  };
}
