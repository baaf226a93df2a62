// What can be wrong with a portal request besides the patient fields (those use the EMR's table,
// src/modules/emr/patients/problem-codes.ts): stable codes with a text in Chinese and English. Shared by the
// server's OperationOutcomes and the web pages (no imports: the web app bundles this file).
export const PORTAL_PROBLEM_SYSTEM = 'http://huiyi.health/fhir/CodeSystem/portal-request-problem';

export const PORTAL_PROBLEM_TEXT = {
  'id-type-desk': ['此证件请到医院挂号窗口登记', 'Please register with this document at the hospital registration desk'],
  'already-registered': [
    '该证件号码已在本院建档。已开通账户的请直接登录；未开通的请携带证件到挂号窗口开通，以保护您的病历安全',
    'This ID number already has a record at this hospital. If you have an account, sign in; if not, bring the document to the registration desk to open one (this protects your record)',
  ],
  'possible-duplicate': [
    '已有姓名、出生日期和手机号都相同的患者档案，请携带证件到挂号窗口办理',
    'A record with the same name, birth date and phone number exists; please go to the registration desk with your document',
  ],
  'username-required': ['请设置用户名', 'Choose a username'],
  'username-invalid': ['用户名为 1–64 位字母、数字或 . _ @ -，以字母或数字开头', 'A username is 1–64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit'],
  'username-taken': ['该用户名已被使用，请换一个', 'This username is taken; choose another'],
  'password-required': ['请设置密码', 'Choose a password'],
  'password-short': ['密码至少 {{min}} 位', 'The password needs at least {{min}} characters'],
  'password-username': ['密码不能与用户名相同', 'The password must not be the username'],
  'password-simple': ['密码至少要包含 4 个不同的字符', 'The password must use at least 4 different characters'],
  'password-demo': ['演示密码是公开的，不能使用', 'Demo passwords are public and cannot be used'],
  'password-weak': ['密码不符合要求', 'The password does not meet the policy'],
  'rate-limited': ['注册尝试过于频繁，请 {{minutes}} 分钟后再试', 'Too many registration attempts; try again in {{minutes}} minutes'],
  'survey-required': ['此题必答', 'This question needs an answer'],
  'survey-type': ['答案类型不对', 'The answer has the wrong type'],
  'survey-option': ['不是可选的答案', 'Not one of the offered answers'],
  'survey-unknown': ['问卷中没有此题', 'The questionnaire has no such question'],
  'survey-too-long': ['内容过长（最多 {{max}} 个字）', 'Too long (at most {{max}} characters)'],
} as const;

/**
 * Documents a person may register with online (codes of src/modules/emr/patients/identity-documents.ts). The
 * 出生医学证明 (a newborn, registered by a parent) and "other" documents (nothing to check the number against) are
 * registered at the desk.
 */
export const ONLINE_ID_TYPES: readonly string[] = [
  'resident-id', 'household-register', 'hmt-residence-permit', 'foreign-permanent-resident', 'passport',
  'hk-macao-permit', 'taiwan-permit', 'military-officer',
];

export type PortalProblemCode = keyof typeof PORTAL_PROBLEM_TEXT;

export function portalProblemText(code: PortalProblemCode, lang: 'zh' | 'en', params: Record<string, string> = {}): string {
  const t = PORTAL_PROBLEM_TEXT[code][lang === 'zh' ? 0 : 1];
  return t.replace(/\{\{(\w+)\}\}/g, (_, k: string) => params[k] ?? '');
}

/** The patient password policy as the web form checks it before sending (the server's is src/security/identity). */
export const PATIENT_PASSWORD_MIN = 8;
export function patientPasswordProblem(password: string, username: string): PortalProblemCode | null {
  if (!password) return 'password-required';
  if ([...password].length < PATIENT_PASSWORD_MIN) return 'password-short';
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return 'password-username';
  if (new Set(password).size < 4) return 'password-simple';
  return null;
}
