// The booking rules as data. Source: 医院智慧服务分级评估标准体系（试行）(国家卫生健康委, 2019), 诊前服务 item 1
// 诊疗预约 (../shared/standards/smart-service-2019.jsonl, table 3 rows 10–16 and 24):
//   level 3 (3) 院内资源或信息发生变化时，可及时通知患者，如……医师停诊 → 停诊 sends a Communication per patient;
//   level 3 (5) 可支持分时段预约挂号……预约时间可精确到1小时以内, level 5 (2) ……精确到30分钟以内 → slots ≤ 30 minutes;
//   level 3 (7) 对疑似倒号、伤医、连续爽约（失信）等行为有黑名单记录和控制措施 → the no-show rule below.

/** level 5 (2): appointment times precise to within 30 minutes */
export const MAX_SLOT_MINUTES = 30;

/**
 * No-show (爽约): a booked appointment not checked in (Appointment.status arrived) by its end plus this grace becomes
 * `noshow`. HUIYI_NO_SHOW_LIMIT of them within HUIYI_NO_SHOW_DAYS suspend online self-booking (the 黑名单 control
 * of level 3 (7)) until the oldest counted one leaves the window; staff at the desk can still book.
 */
export const NO_SHOW_GRACE_MINUTES = 15;

/** Appointment statuses that hold a slot (and count against "one booking per department and session"). */
export const HOLDING = ['proposed', 'pending', 'booked', 'arrived'] as const;

/**
 * Half-day sessions (上午/下午) in hospital-local time: a slot starting before noon is in the morning session.
 * 停诊 stops a whole day or one half.
 */
export const NOON = '12:00';

/** PractitionerRole.availableTime.allDay means the hospital's usual clinic day. */
export const ALL_DAY_SESSIONS: readonly [start: string, end: string][] = [['08:00', '12:00'], ['14:00', '17:30']];

/**
 * Departments that are not booked: 急诊医学科 (20) sees patients as they come, by triage level (预检分诊), around the
 * clock. Codes of 医疗机构诊疗科目名录.
 */
export const WALK_IN_DEPARTMENTS: readonly string[] = ['20'];

/**
 * Rooms of a role that are not consulting rooms (v3 ServiceDeliveryLocationRoleType): emergency, laboratory,
 * radiology, pharmacies, wards. A clinic room is a role's Location of physical type `ro` without one of these.
 */
export const NOT_CLINIC_ROOM_TYPES: readonly string[] = ['ER', 'HLAB', 'HRAD', 'OUTPHARM', 'INPHARM', 'HU', 'ICU', 'PEDU'];

/** 停诊: how many next free slots of the same department the notice offers. */
export const OFFERED_SLOTS = 3;

/** How far ahead slots may be generated in one call, and listed. */
export const MAX_GENERATE_DAYS = 31;
