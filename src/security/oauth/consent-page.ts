import type { FastifyReply } from 'fastify';
import type { Scope } from './scopes.js';

// Minimal bilingual (zh-CN / en) pages for the authorization step. No scripts, no external assets.

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const SPECIAL: Record<string, [string, string]> = {
  openid: ['确认您的身份', 'Confirm your identity'],
  fhirUser: ['知道您在系统中的身份（医生、患者等）', 'Know who you are in the record (doctor, patient, …)'],
  profile: ['知道您在系统中的身份', 'Know who you are in the record'],
  launch: ['使用当前打开的患者或就诊', 'Use the patient or encounter open in the EHR'],
  'launch/patient': ['选择一位患者', 'Choose a patient'],
  'launch/encounter': ['选择一次就诊', 'Choose an encounter'],
  offline_access: ['在您离线时继续访问', 'Keep access while you are offline'],
  online_access: ['在您在线期间继续访问', 'Keep access while you are online'],
};
const VERB: Record<string, [string, string]> = { c: ['创建', 'create'], r: ['读取', 'read'], u: ['修改', 'update'], d: ['删除', 'delete'], s: ['搜索', 'search'] };
const WHOSE: Record<string, [string, string]> = {
  patient: ['当前患者的', "the patient's"],
  user: ['您有权访问的', 'you can access:'],
  system: ['全部', 'all'],
};

/** One scope in both languages. */
export function describeScope(s: Scope): [string, string] {
  if (s.kind === 'special') return SPECIAL[s.name] ?? [s.name, s.name];
  const zhVerbs = s.interactions.map((i) => VERB[i][0]).join('、');
  const enVerbs = s.interactions.map((i) => VERB[i][1]).join(', ');
  const zhType = s.type === '*' ? '所有数据' : s.type;
  const enType = s.type === '*' ? 'all data' : s.type;
  const q = s.query ? ` (${s.query})` : '';
  return [`${zhVerbs}${WHOSE[s.level][0]}${zhType}${q}`, `${enVerbs} ${WHOSE[s.level][1]} ${enType}${q}`];
}

const STYLE = `body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.3rem}ul{padding-left:1.2rem}li{margin:.3rem 0}.en{color:#666;font-size:.9em}.err{color:#b00020}
button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.8rem}input{font-size:1rem;padding:.3rem}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export interface ConsentView {
  clientName: string;
  username: string;
  scopes: Scope[];
  requestId: string;
  csrf: string;
  action: string;
  needPatient: boolean;
  patient?: string;
  error?: string;
}

export function consentPage(v: ConsentView): string {
  const items = v.scopes.map((s) => {
    const [zh, en] = describeScope(s);
    return `<li>${escapeHtml(zh)} <span class="en">${escapeHtml(en)}</span></li>`;
  });
  const patient = v.needPatient
    ? `<p><label>患者编号 <span class="en">Patient id</span><br><input name="patient" required pattern="[A-Za-z0-9.\\-]{1,64}" value="${escapeHtml(v.patient ?? '')}"></label></p>`
    : v.patient
      ? `<p>患者 <span class="en">Patient</span>: ${escapeHtml(v.patient)}</p>`
      : '';
  const body = `<h1>授权请求 <span class="en">Authorization request</span></h1>
${v.error ? `<p class="err">${escapeHtml(v.error)}</p>` : ''}
<p><strong>${escapeHtml(v.clientName)}</strong> 请求以 <strong>${escapeHtml(v.username)}</strong> 的身份访问：<br><span class="en">asks to act as ${escapeHtml(v.username)} and:</span></p>
<ul>${items.join('')}</ul>
<form method="post" action="${escapeHtml(v.action)}">
<input type="hidden" name="request" value="${escapeHtml(v.requestId)}"><input type="hidden" name="csrf" value="${escapeHtml(v.csrf)}">
${patient}
<button type="submit" name="decision" value="approve">同意 <span class="en">Approve</span></button>
<button type="submit" name="decision" value="deny" formnovalidate>拒绝 <span class="en">Deny</span></button>
</form>`;
  return page('授权 Authorize', body);
}

export function errorPage(zh: string, en: string, detail?: string): string {
  return page('错误 Error', `<h1>${escapeHtml(zh)} <span class="en">${escapeHtml(en)}</span></h1>${detail ? `<p>${escapeHtml(detail)}</p>` : ''}`);
}

/** Pages that hold a CSRF token must not be cached or framed. */
export function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('x-frame-options', 'DENY')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
    .type('text/html; charset=utf-8')
    .send(html);
}
