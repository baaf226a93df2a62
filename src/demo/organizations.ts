// The hospital and its departments as Organizations; clinical departments carry their 诊疗科目 code.
import type { Resource } from '../fhir/types.js';
import { SYS, concept, coding, ref } from './codes.js';
import { DEPARTMENTS, departmentId, type Department } from './departments.js';
import { makeUscc, orgCodeCheckChar } from './uscc.js';

export const HOSPITAL_ID = 'huiyi-hospital';
export const HOSPITAL_NAME = '慧医市第一人民医院';
/** 慧医市 is fictional; 4499xx is an unassigned administrative code, so no real hospital is imitated. */
export const HOSPITAL_ADMIN_CODE = '449900';
export const hospitalAddress = (): Record<string, unknown> & { text: string } => ({
  use: 'work', type: 'physical', text: '广东省慧医市中心区健康大道1号', line: ['健康大道1号'],
  city: '慧医市', district: '中心区', state: '广东省', country: 'CN',
});

/** Departments outside the 诊疗科目 list (they treat no patients themselves). */
export const SUPPORT_UNITS = [
  { id: 'dept-pharmacy', name: '药剂科', en: 'Pharmacy' },
  { id: 'dept-it', name: '信息科', en: 'Information Technology' },
] as const;

function hospital(): Resource {
  const orgBody = '45560128';
  return {
    resourceType: 'Organization',
    id: HOSPITAL_ID,
    identifier: [
      { use: 'official', type: { text: '统一社会信用代码' }, system: SYS.uscc, value: makeUscc(HOSPITAL_ADMIN_CODE, orgBody) },
      // The layout seen on licences (组织机构代码 + 行政区划代码 + category + serial); not checked against a rule.
      {
        use: 'official', type: { text: '医疗机构执业许可证登记号' }, system: SYS.institutionLicense,
        value: `${orgBody}${orgCodeCheckChar(orgBody)}${HOSPITAL_ADMIN_CODE}12A1001`,
      },
    ],
    active: true,
    type: [
      concept(SYS.orgType, 'prov', 'Healthcare Provider', '医疗机构'),
      concept(SYS.hospitalGrade, '3A', '三级甲等', '三级甲等综合医院'),
    ],
    name: HOSPITAL_NAME,
    alias: ["Huiyi First People's Hospital", '慧医一院'],
    telecom: [
      { system: 'url', value: 'https://hospital.huiyi.example', use: 'work' },
    ],
    address: [hospitalAddress()],
  };
}

function clinicalDepartment(d: Department): Resource {
  return {
    resourceType: 'Organization',
    id: departmentId(d.code),
    active: true,
    type: [
      { coding: [coding(SYS.department, d.code, d.zh)], text: d.zh },
      concept(SYS.orgType, 'dept', 'Hospital Department'),
    ],
    name: d.unit,
    alias: [...new Set([d.short, d.en])].filter((a) => a !== d.unit),
    partOf: ref('Organization', HOSPITAL_ID, HOSPITAL_NAME),
  };
}

export function buildOrganizations(): Resource[] {
  const support = SUPPORT_UNITS.map((u): Resource => ({
    resourceType: 'Organization',
    id: u.id,
    active: true,
    type: [concept(SYS.orgType, 'dept', 'Hospital Department')],
    name: u.name,
    alias: [u.en],
    partOf: ref('Organization', HOSPITAL_ID, HOSPITAL_NAME),
  }));
  return [hospital(), ...DEPARTMENTS.map(clinicalDepartment), ...support];
}
