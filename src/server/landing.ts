// The home page when the web app is not built (dist/web missing): says what runs here and how to build
// the app, in zh-CN and en.
export function landingPage(version: string): string {
  const hint = `<p>临床工作站网页尚未构建：请运行 <code>npm run build</code>，然后重新启动服务。</p>
<p lang="en">The clinician web app is not built: run <code>npm run build</code>, then restart the server.</p>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>慧医 Huiyi</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:.1rem .3rem}</style>
</head><body>
<h1>慧医 Huiyi <small>${version}</small></h1>
<p>FHIR R4 服务已运行。 <span lang="en">The FHIR R4 API is running.</span></p>
${hint}
<ul>
<li><a href="/fhir/metadata">/fhir/metadata</a> — CapabilityStatement 能力声明</li>
<li><a href="/login?returnTo=%2Ffhir%2FPatient%3F_count%3D10">登录 Sign in</a>，然后 then <a href="/fhir/Patient?_count=10">/fhir/Patient</a> — 患者 Patients</li>
<li><a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a></li>
</ul>
</body></html>`;
}
