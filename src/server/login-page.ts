// A plain sign-in page (zh-CN and en) until the web app lands: it lets the OAuth authorize flow and
// a person with a browser log in. The script is a separate file because the CSP forbids inline scripts.
import type { FastifyInstance } from 'fastify';

const safeReturn = (v: unknown): string => (typeof v === 'string' && /^\/(?!\/)[^\s\\]*$/.test(v) ? v : '/');
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const SCRIPT = `document.getElementById('f').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.target, msg = document.getElementById('msg');
  const body = { username: f.username.value, password: f.password.value };
  if (f.totp.value) body.totp = f.totp.value;
  msg.textContent = '…';
  const r = await fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const j = await r.json().catch(() => ({}));
  if (r.ok && !j.totpEnrollmentRequired) { location.href = f.dataset.returnTo; return; }
  const zh = { invalid_credentials: '用户名或密码错误', totp_required: '请输入动态验证码', account_locked: '账户已锁定，请稍后再试', too_many_requests: '尝试过于频繁，请稍后再试' };
  msg.textContent = j.totpEnrollmentRequired ? '请先在工作站绑定动态验证码（TOTP）/ Enrol an authenticator first' : (zh[j.error] || '登录失败') + ' / ' + (j.message || r.status);
});`;

export function registerLoginPage(app: FastifyInstance): void {
  app.get('/login.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(SCRIPT));
  app.get<{ Querystring: { returnTo?: string } }>('/login', async (req, reply) => {
    const returnTo = safeReturn(req.query.returnTo);
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>登录 Sign in — 慧医 Huiyi</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem;color:#222}
label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1.5rem}#msg{color:#b00;min-height:1.2rem}</style>
</head><body>
<h1>慧医 Huiyi</h1>
<form id="f" data-return-to="${esc(returnTo)}">
<label for="username">用户名 Username</label><input id="username" name="username" autocomplete="username" required>
<label for="password">密码 Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<label for="totp">动态验证码 Authenticator code（如已绑定 if enrolled）</label><input id="totp" name="totp" inputmode="numeric" autocomplete="one-time-code">
<button type="submit">登录 Sign in</button>
<p id="msg" role="alert"></p>
</form>
<script src="/login.js"></script>
</body></html>`);
  });
}
