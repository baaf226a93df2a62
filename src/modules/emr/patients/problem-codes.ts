// What can be wrong with a patient request: stable codes, each with a text in Chinese and English ({{name}} marks a
// parameter, as i18next writes them). Shared by the server's OperationOutcomes and the web form's own checks, so
// both say the same thing in the same words. No imports: the web app bundles this file.
export const PROBLEM_SYSTEM = 'https://huiyi.dev/fhir/CodeSystem/patient-request-problem';

export const PROBLEM_TEXT = {
  'required': ['必填', 'Required'],
  'name-invalid': ['姓名只能包含汉字（可含间隔号“·”）或拉丁字母', 'A name is written in Chinese characters (with · between parts) or Latin letters'],
  'name-too-long': ['姓名过长（最多 50 个字符）', 'The name is too long (at most 50 characters)'],
  'sex-invalid': ['性别须为 男、女、其他 或 未知', 'Sex must be male, female, other or unknown'],
  'sex-mismatch': ['性别与身份证号码不符（号码第 17 位表示{{sex}}）', 'Sex does not match the ID number (its 17th digit says {{sex}})'],
  'birth-date-invalid': ['出生日期不是有效日期（格式 YYYY-MM-DD）', 'The birth date is not a valid date (YYYY-MM-DD)'],
  'birth-date-future': ['出生日期不能晚于今天', 'The birth date cannot be in the future'],
  'birth-date-too-early': ['出生日期过早，请核对', 'The birth date is implausibly early; check it'],
  'birth-date-mismatch': ['出生日期与证件号码不符（号码中为 {{date}}）', 'The birth date does not match the ID number (it says {{date}})'],
  'id-type-invalid': ['不支持的证件类型', 'Unknown identity document type'],
  'id-first-generation': ['15 位号码为第一代身份证，已停止使用，请填写 18 位号码', '15 digits is the first-generation card, no longer valid; enter the 18-character number'],
  'id-length': ['公民身份号码应为 18 位', 'A citizen ID number has 18 characters'],
  'id-characters': ['公民身份号码为 17 位数字加 1 位数字或 X', 'A citizen ID number is 17 digits followed by a digit or X'],
  'id-region': ['号码开头的地址码无效', 'The address code at the start of the number is not valid for this document'],
  'id-birth-date': ['号码中的出生日期无效', 'The birth date inside the number is not a valid date'],
  'id-birth-date-future': ['号码中的出生日期晚于今天', 'The birth date inside the number is in the future'],
  'id-check-digit': ['校验码错误，请核对号码', 'The check digit is wrong; check the number'],
  'id-format': ['号码格式不符：{{hint}}', 'The number does not have the format of this document: {{hint}}'],
  'phone-invalid': ['请输入 11 位手机号码或带区号的固定电话', 'Enter an 11-digit mobile number or a landline with its area code'],
  'address-too-long': ['地址过长（最多 200 个字符）', 'The address is too long (at most 200 characters)'],
  'relationship-invalid': ['不支持的关系', 'Unknown relationship'],
  'reason-too-long': ['原因过长（最多 500 个字符）', 'The reason is too long (at most 500 characters)'],
  'merge-self': ['不能把患者合并到其本身', 'A patient cannot be merged into itself'],
  'merge-source-inactive': ['该患者已被合并或已停用，不能再次合并', 'This patient was already merged or is inactive; it cannot be merged again'],
  'merge-target-inactive': ['目标患者已被合并或已停用', 'The target patient was merged or is inactive'],
  'merge-conflict': ['患者记录刚被他人修改，请重试', 'A patient record changed meanwhile; try again'],
  'duplicate-id': ['该证件号码已登记', 'A patient with this ID number is already registered'],
  'possible-duplicate': ['已有同名、同出生日期、同电话的患者，可能是同一人', 'A patient with the same name, birth date and phone exists; possibly the same person'],
  'query-too-long': ['检索内容过长', 'The search text is too long'],
} as const;

export type ProblemCode = keyof typeof PROBLEM_TEXT;

export interface Problem {
  /** the request field, e.g. "idNumber" or "contact.phone" */
  field: string;
  code: ProblemCode;
  params?: Record<string, string>;
}

export type Lang = 'zh' | 'en';

export function problemText(code: ProblemCode, lang: Lang, params: Record<string, string> = {}): string {
  const t = PROBLEM_TEXT[code][lang === 'zh' ? 0 : 1];
  return t.replace(/\{\{(\w+)\}\}/g, (_, k: string) => params[k] ?? '');
}
