// The demo hospital's accounts: one per role, linked to resources of generateDemoHospital() (see the test).
// Their passwords are published, so production refuses to start while any of them is active.
import type { Role } from './roles.js';

export interface DemoUser {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  fhirUser: string;
}

const demo = (role: Role, displayName: string, fhirUser: string, username: string = role): DemoUser => ({
  username,
  password: `Huiyi-${username}-2026!`,
  role,
  displayName,
  fhirUser,
});

export const DEMO_USERS: readonly DemoUser[] = [
  demo('admin', '陈勇（信息科）', 'PractitionerRole/prole-066'),
  demo('doctor', '于娟（呼吸与危重症医学科 科主任）', 'PractitionerRole/prole-001'),
  demo('nurse', '赵莉燕（呼吸与危重症医学科 护士长）', 'PractitionerRole/prole-004'),
  demo('pharmacist', '李亮勇（药剂科）', 'PractitionerRole/prole-064'),
  demo('technician', '周涛（检验科）', 'PractitionerRole/prole-059'),
  demo('manager', '李艳微（科主任）', 'PractitionerRole/prole-006'),
  demo('patient', '任倩琳', 'Patient/pat-0001'),
  demo('dispatcher', '刘志宝（急诊医学科）', 'PractitionerRole/prole-051'),
  // The demo hospital has no Device resources yet: the link names the bedside monitor the demo feeds from.
  demo('device', '床旁监护仪（演示）', 'Device/demo-monitor-1'),
  // The ED's triage nurse (预检分诊): her PractitionerRole lists the ED locations, er-triage among them, so the ward
  // policy covers the patients she triages.
  demo('nurse', '冯晶（急诊医学科 预检分诊护士）', 'PractitionerRole/prole-053', 'triage'),
];

const DEMO_PASSWORDS = new Set(DEMO_USERS.map((u) => u.password));

/** True for the published demo passwords (exact match; they are not accepted as anyone's own choice). */
export function isDemoPassword(password: string): boolean {
  return DEMO_PASSWORDS.has(password);
}
